/** Placeholder: being written. */
export function PlanSettingsPage() {
  return null;
}

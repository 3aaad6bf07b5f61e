/** Placeholder: being written. */
export function DashboardPage() {
  return null;
}

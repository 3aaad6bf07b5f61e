/** Placeholder: being written. */
export function CompliancePage() {
  return null;
}

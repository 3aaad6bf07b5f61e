/** Placeholder: being written. */
export function WebhooksPage() {
  return null;
}

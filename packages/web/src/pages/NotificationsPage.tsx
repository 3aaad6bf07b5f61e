/** Placeholder: being written. */
export function NotificationsPage() {
  return null;
}

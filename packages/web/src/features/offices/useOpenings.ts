import { useState } from 'react';

/**
 * How many times a dialog has been opened: a key that gives each opening a fresh form (and a
 * fresh form store), while staying the same during the closing animation. antd keeps a form
 * store's old values over new initial values, and React's strict mode replays unmounts.
 */
export function useOpenings(open: boolean): number {
  const [seen, setSeen] = useState({ open, count: open ? 1 : 0 });
  if (seen.open !== open) {
    const next = { open, count: open ? seen.count + 1 : seen.count };
    setSeen(next);
    return next.count;
  }
  return seen.count;
}

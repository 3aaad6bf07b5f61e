import { useContext, useEffect, useState } from 'react';
import { type To, UNSAFE_NavigationContext } from 'react-router';

export interface HeldNavigation {
  /** A navigation to another page is waiting for the user's answer. */
  readonly held: boolean;
  readonly proceed: () => void;
  readonly reset: () => void;
}

function pathnameOf(to: To): string {
  if (typeof to === 'string') return new URL(to, window.location.href).pathname;
  return to.pathname ?? window.location.pathname;
}

/**
 * Hold an in-app navigation to another page while `hold()` says so, until the user answers.
 * React Router's useBlocker does this only under a data router, which would add about 14 KB of
 * compressed script to every page's first load; the navigator of the declarative router is
 * wrapped instead, for as long as the form is on screen. Leaving through the browser's own back
 * button is not held; closing or reloading the tab is, by beforeunload (the caller's).
 */
export function useHoldNavigation(hold: () => boolean): HeldNavigation {
  const { navigator } = useContext(UNSAFE_NavigationContext);
  const [pending, setPending] = useState<(() => void) | null>(null);
  useEffect(() => {
    const { push, replace } = navigator;
    const guard =
      (go: typeof push) =>
      (...args: Parameters<typeof push>) => {
        if (hold() && pathnameOf(args[0]) !== window.location.pathname) {
          setPending(() => () => go.apply(navigator, args));
        } else {
          go.apply(navigator, args);
        }
      };
    navigator.push = guard(push);
    navigator.replace = guard(replace);
    return () => {
      navigator.push = push;
      navigator.replace = replace;
    };
  }, [navigator, hold]);
  return {
    held: pending !== null,
    proceed: () => {
      const go = pending;
      setPending(null);
      go?.();
    },
    reset: () => setPending(null),
  };
}

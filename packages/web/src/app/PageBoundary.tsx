import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import { Outlet, useLocation } from 'react-router';

// The error page is its own chunk: only a page that throws needs it (and antd's Result).
const LazyPageError = lazy(() => import('./PageError').then((m) => ({ default: m.PageError })));

function PageErrorFallback(props: FallbackProps) {
  return (
    <Suspense fallback={null}>
      <LazyPageError {...props} />
    </Suspense>
  );
}

/**
 * The routed page inside the layout, kept from taking the whole app down when it throws: the
 * header and menu stay, the page shows what went wrong, and moving to another page (or retrying)
 * starts afresh — without the cached answers of the pages not on screen, which may be the cause.
 */
export function PageBoundary() {
  const location = useLocation();
  const client = useQueryClient();
  return (
    <ErrorBoundary
      FallbackComponent={PageErrorFallback}
      resetKeys={[location.pathname, location.search]}
      onReset={() => client.removeQueries({ type: 'inactive' })}
    >
      <Outlet />
    </ErrorBoundary>
  );
}

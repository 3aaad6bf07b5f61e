import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath } from 'react-router';

/** Sets the document's title to `督办 · <title>` (the bare app name without a title). */
export function usePageTitle(title: string | null): void {
  const { t } = useTranslation();
  const name = t('app.name');
  useEffect(() => {
    document.title = title ? `${name} · ${title}` : name;
  }, [name, title]);
}

/** Each signed-in page's title, by its route: the most specific pattern first. */
const TITLES: readonly (readonly [string, string])[] = [
  ['/plans', 'plans.title'],
  ['/plans/:id', 'pageTitles.board'],
  ['/plans/:id/dashboard', 'dashboard.title'],
  ['/plans/:id/compliance', 'compliance.title'],
  ['/plans/:id/settings', 'settings.title'],
  ['/notifications', 'notifications.title'],
  ['/webhooks', 'webhooks.title'],
  ['/tasks/:id', 'pageTitles.task'],
  ['/tasks/:id/report', 'pageTitles.report'],
  ['/my-work', 'reports.myWork'],
  ['/reports/:id', 'pageTitles.report'],
  ['/offices', 'offices.title'],
  ['/ledgers', 'ledgers.title'],
  ['/problems', 'problems.title'],
  ['/orders', 'orders.title'],
  ['/orders/:id', 'pageTitles.order'],
  ['/imports/new', 'import.title'],
  ['/imports/:id', 'import.title'],
  ['/users', 'users.title'],
  ['/rosters', 'rosters.title'],
  ['/audit', 'audit.title'],
];

/** The i18n key of the title of the page at this path; unknown paths are the 404 page. */
export function titleKeyOf(pathname: string): string {
  if (pathname === '/') return 'plans.title';
  return TITLES.find(([pattern]) => matchPath(pattern, pathname))?.[1] ?? 'pageTitles.notFound';
}

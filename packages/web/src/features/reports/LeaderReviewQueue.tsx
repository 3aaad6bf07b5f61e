import { useQueries } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { type PlanView, usePlans } from '../plans/api';
import { useReportsToReview } from './api';
import { ReviewQueue } from './ReviewQueue';

/**
 * A leader's review queue: the plan office's own reports, which no one in that office may accept
 * (no one judges their own work). Shown on the plan list, a leader's first page; loaded with it
 * only for leaders.
 */
export function LeaderReviewQueue() {
  const toReview = useReportsToReview();
  const plans = usePlans();
  const details = useQueries({
    queries: (plans.data ?? []).map((p) => ({
      queryKey: ['plans', p.id],
      queryFn: (): Promise<PlanView> => unwrap(api.GET('/api/plans/{id}', { params: { path: { id: p.id } } })),
      enabled: (toReview.data?.length ?? 0) > 0,
    })),
  });
  const loaded = details.map((d) => d.data).filter((d): d is PlanView => d !== undefined);
  if ((toReview.data?.length ?? 0) === 0) return null;
  return <ReviewQueue reports={toReview.data ?? []} plans={loaded} stage="plan-office" />;
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * The demo plan's targets made to fit (issue 10): last year's baselines for its change targets,
 * so that they are judged, and task 15's per-street target (每个街道测定600人以上) asked of the
 * streets, judged street by street ("k / n 达标"). demo-activity.ts reports the matching figures.
 */

/** Last year's level (上年基数) of each change target, by task number and a words of its clause. */
const BASELINES: readonly { task: string; words: string; value: number; source: string }[] = [
  { task: '5', words: '公文', value: 760, source: '2006年区委(政府)办公文和会议统计' },
  { task: '7', words: '资金额度', value: 3400, source: '2006年固本强基项目申报资金(万元)' },
  { task: '21', words: '暴力犯罪', value: 268, source: '罗湖公安分局2006年刑事案件统计' },
  { task: '21', words: '两抢', value: 1090, source: '罗湖公安分局2006年刑事案件统计' },
];

export async function fitDemoTargets(db: Kysely<Database>, planId: string): Promise<void> {
  const targets = await db
    .selectFrom('targets')
    .innerJoin('tasks', 'tasks.id', 'targets.task_id')
    .select(['targets.id', 'targets.text', 'targets.kind', 'targets.scope', 'tasks.number'])
    .where('tasks.plan_id', '=', planId)
    .execute();
  for (const b of BASELINES) {
    const target = targets.find((t) => t.number === b.task && t.kind === 'change' && t.text.includes(b.words));
    if (!target) throw new Error(`demo: task ${b.task} has no change target on ${b.words}`);
    await db
      .updateTable('targets')
      .set({ baseline_value: b.value, baseline_source: b.source })
      .where('id', '=', target.id)
      .execute();
  }
  const perStreet = targets.find((t) => t.number === '15' && t.scope === 'each');
  if (!perStreet) throw new Error('demo: task 15 has no per-street target');
  const streets = await db
    .selectFrom('offices')
    .select('id')
    .where('name', 'like', '%街道办事处')
    .orderBy('name')
    .execute();
  await db
    .updateTable('targets')
    .set({ offices: JSON.stringify(streets.map((o) => o.id)) })
    .where('id', '=', perStreet.id)
    .execute();
}

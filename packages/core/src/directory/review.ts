import type { Plan, PlanWarning } from '../schema/plan.ts';
import { isUndatedDeadline } from '../status/deadline.ts';

/**
 * What a person must look at in an import preview besides the parser's warnings: deadline
 * phrases that name no date, on items and on targets, and mentions that resolve to a group with
 * no members. Pure: how mentions resolve comes in as `emptyGroup`.
 */
export function reviewWarnings(
  plan: Pick<Plan, 'sections'>,
  props: {
    /** The plan's year, to read phrases such as 6月底前. */
    readonly year: number;
    /** The name of the empty group a mention resolves to; null when it resolves to anything else. */
    readonly emptyGroup: (mention: string) => string | null;
  },
): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  const mentions = new Map<string, { section: number; item: string }>();
  plan.sections.forEach((section, s) => {
    for (const item of section.items) {
      if (isUndatedDeadline(item.deadline, props.year)) {
        warnings.push({
          code: 'undated-deadline',
          message: `The deadline "${item.deadline}" names no date: enter the date it means.`,
          section: s,
          item: item.number,
          excerpt: item.deadline ?? '',
        });
      }
      item.indicators.forEach((target, position) => {
        if (!isUndatedDeadline(target.deadline, props.year)) return;
        warnings.push({
          code: 'undated-deadline',
          message: `The target's deadline "${target.deadline}" names no date: enter the date it means.`,
          section: s,
          item: item.number,
          target: position,
          excerpt: target.deadline ?? '',
        });
      });
      for (const mention of [...item.lead, ...item.support]) {
        if (!mentions.has(mention)) mentions.set(mention, { section: s, item: item.number });
      }
    }
  });
  for (const [mention, first] of mentions) {
    const group = props.emptyGroup(mention);
    if (group === null) continue;
    warnings.push({
      code: 'empty-group',
      message: `"${mention}" resolves to the group ${group}, which has no member offices: no one would report on its tasks. Add its members in the directory, or map the mention to offices.`,
      section: first.section,
      item: first.item,
      mention,
      excerpt: group,
    });
  }
  return warnings;
}

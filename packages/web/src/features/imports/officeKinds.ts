import type { OfficeKind } from './api';

/** Every office kind, in the order the kind select offers them; the record keeps it complete. */
const ORDER: Readonly<Record<OfficeKind, number>> = {
  'government-department': 0,
  'party-department': 1,
  'street-office': 2,
  'street-party-committee': 3,
  community: 4,
  'vertical-agency': 5,
  'mass-organisation': 6,
  other: 7,
};

export const OFFICE_KINDS = (Object.keys(ORDER) as OfficeKind[]).sort((a, b) => ORDER[a] - ORDER[b]);

/** Name patterns that tell an office's kind, tried in order; the first that matches wins. */
const RULES: readonly (readonly [RegExp, OfficeKind])[] = [
  [/(公司|银行|集团)$/u, 'other'],
  [/(税务局|消防|气象|海关|供电|烟草|邮政|公安分局|^市.*分局$)/u, 'vertical-agency'],
  [/街道党工委$/u, 'street-party-committee'],
  [/(街道办事处|街道|镇人民政府|镇)(\(.*\))?$/u, 'street-office'],
  [/社区/u, 'community'],
  [/(团区委|妇联|残联|工会|科协|侨联|文联|工商联|红十字会)/u, 'mass-organisation'],
  [/(^区委|^中共|党委|纪委|监委|政法委|统战部|组织部|宣传部)/u, 'party-department'],
  [/(局|办|委|委员会|中心|政府)(\(.*\))?$/u, 'government-department'],
];

/** The likeliest kind of a new office from how its name ends (区林业局 → government department). */
export function guessOfficeKind(name: string): OfficeKind {
  const folded = name.trim().replace(/（/gu, '(').replace(/）/gu, ')');
  return RULES.find(([pattern]) => pattern.test(folded))?.[1] ?? 'other';
}

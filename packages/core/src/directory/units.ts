/**
 * Unit classes: which office is a street, a community, a district office or the plan office.
 * Read once here from an office's kind and names; server and web import it.
 */

export const UNIT_CLASSES = [
  'plan-office',
  'district-office',
  'street',
  'street-committee',
  'community',
  'other',
] as const;
export type UnitClass = (typeof UNIT_CLASSES)[number];

/** The fields a unit class is read from: a directory office or an API office alike. */
export interface UnitLike {
  readonly name: string;
  readonly kind: string;
  readonly aliases?: readonly string[] | undefined;
}

/** The plan office (基层办, 督查室) by its name or an alias: the directory has no flag for it. */
const PLAN_OFFICE = /基层办|基层工作办公室|督查室/u;

const DISTRICT_KINDS: ReadonlySet<string> = new Set([
  'party-department',
  'government-department',
  'vertical-agency',
  'mass-organisation',
]);

/**
 * The class of an office: the plan office (named 基层办 / 督查室, whatever its kind); a street
 * (its street office); a street's party committee; a community; a district office (party and
 * government departments, vertical agencies, mass organisations); else other.
 */
export function unitClass(office: UnitLike): UnitClass {
  if ([office.name, ...(office.aliases ?? [])].some((n) => PLAN_OFFICE.test(n))) return 'plan-office';
  if (office.kind === 'street-office') return 'street';
  if (office.kind === 'street-party-committee') return 'street-committee';
  if (office.kind === 'community') return 'community';
  if (DISTRICT_KINDS.has(office.kind)) return 'district-office';
  return 'other';
}

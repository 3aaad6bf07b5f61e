import { z } from 'zod';
import { BASELINES, KINDS, OPS, PERIODS } from './vocabulary.ts';

/**
 * The plan JSON that `duban parse` emits and every later part validates against.
 * Contract: shared/spec/plan-json.md. Fields beyond the contract are optional additions.
 */

export const indicatorSchema = z.object({
  /** The clause that sets the target, as printed. */
  text: z.string(),
  kind: z.enum(KINDS),
  op: z.enum(OPS),
  /** A number, or [low, high] with op "between". */
  value: z.union([z.number(), z.tuple([z.number(), z.number()])]),
  /** The measure word as printed: % 人 家 次 个百分点 …; "" when none. */
  unit: z.string(),
  period: z.enum(PERIODS).nullable(),
  baseline: z.enum(BASELINES).nullable(),
  /** Deadline phrase tied to this target, as printed (年内, 6月底前, …). */
  deadline: z.string().nullable(),
  /** A standard each subject is measured against, kept apart from the target (900平方米以上). */
  condition: z.string().optional(),
  /** "each" when every office must meet the target on its own. */
  scope: z.string().optional(),
  /** A short label a person gave it in the preview (a split's 养老保险 / 工伤保险), kept on the stored target. */
  label: z.string().optional(),
  /** Offsets of `text` in the item's source document, [start, end). */
  span: z.tuple([z.number().int(), z.number().int()]).optional(),
});

/** A deliverable the item promises (节点任务), proposed from its text for a person to keep. */
export const milestoneSchema = z.object({
  text: z.string().min(1),
  /** ISO date when the text gives one; null otherwise. */
  due: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
});

export const itemSchema = z.object({
  /** Arabic digits as a string: "1" for 1. 1、 (一) alike. */
  number: z.string(),
  title: z.string(),
  text: z.string(),
  lead: z.array(z.string()),
  support: z.array(z.string()),
  /** Persons named on 责任领导 lines: never offices. */
  leaders: z.array(z.string()).optional(),
  /** Completion deadline from a table's 完成时限 column or the responsibility line. */
  deadline: z.string().nullable().optional(),
  indicators: z.array(indicatorSchema),
  /** Deliverables proposed from the text (出台…办法, 建成…, 成立…, 开展…试点). */
  milestones: z.array(milestoneSchema).optional(),
  /** Offsets of the whole item in the source document, [start, end). */
  span: z.tuple([z.number().int(), z.number().int()]).optional(),
});

export const sectionSchema = z.object({
  /** As printed: 一, 二, … or 1, 2, …; "" where the document has no sections. */
  number: z.string(),
  title: z.string(),
  items: z.array(itemSchema),
});

export const warningSchema = z.object({
  /**
   * The parser's codes, and the import preview's own (reviewWarnings): a deadline phrase that is
   * no date ('undated-deadline'), a mention of a group with no members ('empty-group').
   */
  code: z.enum([
    'no-lead',
    'unreadable-responsibility',
    'orphan-text',
    'no-items',
    'no-title',
    'undated-deadline',
    'empty-group',
  ]),
  message: z.string(),
  /** Section position and item number the warning is about, where it has one. */
  section: z.number().int().optional(),
  item: z.string().optional(),
  /** The target's position in the item, for a warning about one of its targets. */
  target: z.number().int().optional(),
  /** The office mention the warning is about. */
  mention: z.string().optional(),
  /** The text concerned, shortened. */
  excerpt: z.string().optional(),
});

export const planSchema = z.object({
  notice: z.string().nullable(),
  title: z.string(),
  issuers: z.array(z.string()),
  /** ISO date (YYYY-MM-DD) the document is dated. */
  date: z.string().nullable(),
  sections: z.array(sectionSchema),
  warnings: z.array(warningSchema),
});

export type Op = (typeof OPS)[number];
export type Kind = (typeof KINDS)[number];
export type Period = (typeof PERIODS)[number];
export type Indicator = z.infer<typeof indicatorSchema>;
export type Milestone = z.infer<typeof milestoneSchema>;
export type Item = z.infer<typeof itemSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type PlanWarning = z.infer<typeof warningSchema>;
export type Plan = z.infer<typeof planSchema>;

import { BASELINES, type LabelLocale, PERIODS, targetLabel, targetSubjects } from '@duban/core';
import type { TargetView } from './api';

type Period = (typeof PERIODS)[number];
type Baseline = (typeof BASELINES)[number];

const isPeriod = (p: string | null): p is Period => p !== null && (PERIODS as readonly string[]).includes(p);
const isBaseline = (b: string | null): b is Baseline => b !== null && (BASELINES as readonly string[]).includes(b);

/** A target's value: one number, or [low, high] (the API types a pair as a list). */
export function targetValue(value: TargetView['value']): number | [number, number] {
  if (!Array.isArray(value)) return value;
  const [low = Number.NaN, high = low] = value;
  return [low, high];
}

/** The UI language as target labels know it. */
export const labelLocale = (language: string): LabelLocale => (language === 'en' ? 'en' : 'zh-CN');

/** A stored target's short label (≥90%, 每季度≥1次, 较上年≤-15%), by core's rule. */
export function chipLabel(target: TargetView, language: string): string {
  return targetLabel(
    {
      kind: target.kind,
      op: target.op,
      value: targetValue(target.value),
      unit: target.unit,
      period: isPeriod(target.period) ? target.period : null,
      baseline: isBaseline(target.baseline) ? target.baseline : null,
      scope: target.scope,
    },
    labelLocale(language),
  );
}

/** What each of a task's targets measures, told apart from its siblings (core's targetSubjects): id → subject. */
export function subjectsOf(targets: readonly TargetView[]): ReadonlyMap<string, string> {
  const subjects = targetSubjects(
    targets.map((g) => ({
      text: g.text,
      label: g.label,
      kind: g.kind,
      op: g.op,
      value: targetValue(g.value),
      unit: g.unit,
      period: isPeriod(g.period) ? g.period : null,
      baseline: isBaseline(g.baseline) ? g.baseline : null,
      scope: g.scope,
    })),
  );
  return new Map(targets.map((g, i) => [g.id, subjects[i] ?? '']));
}

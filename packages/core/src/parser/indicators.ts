import type { Indicator } from '../schema/plan.ts';

/** The measurable targets that an item's body sets. Stub until the indicator rules land. */
export function extractIndicators(text: string): Indicator[] {
  void text;
  return [];
}

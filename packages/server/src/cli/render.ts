import { type Indicator, type Item, type Plan, type PlanWarning, type Section, targetLabel } from '@duban/core';

// The tree a person reads to check what the parser made of a document: the plan's header,
// then each section with its items, their offices and their targets in short form.

const NONE = '—';
const LIST = '、';

/** A plan as an indented, readable tree (ends with a newline). */
export function renderPlan(plan: Plan): string {
  const header = [
    field('notice', plan.notice),
    field('title', plan.title),
    field('issuers', plan.issuers.join(LIST)),
    field('date', plan.date),
  ];
  const body = plan.sections.length === 0 ? ['', 'no sections found'] : plan.sections.flatMap(renderSection);
  return `${[...header, ...body, ...renderWarnings(plan.warnings)].join('\n')}\n`;
}

function renderSection(section: Section): string[] {
  const heading = section.number === '' ? section.title : `${section.number}、${section.title}`;
  return ['', heading, ...section.items.flatMap(renderItem)];
}

function renderItem(item: Item): string[] {
  const indent = '     ';
  const lines = [`  ${item.number}. ${item.title}`, indent + field('lead', item.lead.join(LIST))];
  if (item.support.length > 0) lines.push(indent + field('support', item.support.join(LIST)));
  if (item.leaders !== undefined && item.leaders.length > 0)
    lines.push(indent + field('leaders', item.leaders.join(LIST)));
  if (item.deadline) lines.push(indent + field('deadline', item.deadline));
  if (item.indicators.length > 0) lines.push(indent + field('targets', item.indicators.map(renderTarget).join('; ')));
  if (item.milestones?.length) {
    // Proposed deliverables (节点任务), each with its due date where the text gives one.
    const milestones = item.milestones.map((m) => (m.due === null ? m.text : `${m.text}（${m.due}）`));
    lines.push(`${indent}milestones ${milestones.join('; ')}`);
  }
  return lines;
}

/** A target in short form (see core's targetLabel), with its deadline after it. */
export function renderTarget(indicator: Indicator): string {
  return `${targetLabel(indicator)}${indicator.deadline === null ? '' : `（${indicator.deadline}）`}`;
}

function renderWarnings(warnings: readonly PlanWarning[]): string[] {
  if (warnings.length === 0) return [];
  const where = (w: PlanWarning): string =>
    w.section === undefined ? '' : ` (section ${w.section}${w.item === undefined ? '' : `, item ${w.item}`})`;
  return ['', 'warnings', ...warnings.map((w) => `  ! ${w.code}${where(w)}: ${w.message}`)];
}

function field(label: string, value: string | null): string {
  return `${label.padEnd(9)}${value === null || value === '' ? NONE : value}`;
}

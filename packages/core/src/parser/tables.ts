import { headingOf } from './headings.ts';
import { type MentionContext, splitMentions } from './mentions.ts';
import { shadow } from './normalize.ts';
import type { Assignment, PrintedRole } from './responsibility.ts';

/**
 * Task-decomposition tables (序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限): one item a row,
 * rows that span the table (一、…) open sections.
 */

export type TableEntry = { readonly kind: 'section'; readonly number: string; readonly title: string } | TableItem;

export interface TableItem {
  readonly kind: 'item';
  readonly number: string;
  readonly title: string;
  readonly text: string;
  readonly assignments: Assignment[];
}

type Column = 'number' | 'task' | 'detail' | PrintedRole | 'leader' | 'deadline';

const HEADERS: readonly [RegExp, Column][] = [
  [/^(?:序号|编号|序)$/u, 'number'],
  [/(?:牵头单位|牵头部门|主责单位|牵头责任单位)/u, 'lead'],
  [/(?:配合单位|协办单位|参与单位|协助单位|配合部门|协办部门)/u, 'support'],
  [/(?:责任单位|责任部门|负责单位|承办单位)/u, 'responsible'],
  [/(?:责任领导|牵头领导|分管领导|区领导)/u, 'leader'],
  [/(?:完成时限|完成时间|时间节点|时限|进度安排)/u, 'deadline'],
  [/(?:具体措施|工作措施|主要措施|工作内容|具体内容|目标要求|工作目标|主要内容)/u, 'detail'],
  [/(?:工作任务|重点任务|具体任务|任务|工作事项|事项|项目|工作)/u, 'task'],
];

function columnsOf(row: readonly string[]): (Column | null)[] {
  return row.map((cell) => {
    const sh = shadow(cell).replace(/\s+/gu, '');
    return HEADERS.find(([re]) => re.test(sh))?.[1] ?? null;
  });
}

const SAME = /^(?:同上|同前)$/u;

/** Read a table as tasks, or null when it is not a task table (no task and office columns). */
export function readTaskTable(rows: readonly (readonly string[])[], ctx: MentionContext): TableEntry[] | null {
  const headerAt = rows.slice(0, 3).findIndex((r) => {
    const cols = columnsOf(r);
    return cols.includes('task') && (cols.includes('lead') || cols.includes('responsible') || cols.includes('support'));
  });
  if (headerAt < 0) return null;
  const cols = columnsOf(rows[headerAt] as readonly string[]);
  const out: TableEntry[] = [];
  let counter = 0;
  for (const row of rows.slice(headerAt + 1)) {
    const filled = [...new Set(row.map((c) => c.trim()).filter(Boolean))];
    if (filled.length === 0) continue;
    if (filled.length === 1 && !/^\d+$/u.test(shadow(filled[0] as string))) {
      const text = filled[0] as string;
      const h = headingOf(shadow(text));
      out.push({
        kind: 'section',
        number: h ? h.printed : String(out.filter((e) => e.kind === 'section').length + 1),
        title: (h ? text.slice(h.prefixLength) : text).trim().replace(/[。.]$/u, ''),
      });
      continue;
    }
    const cell = (c: Column) =>
      row
        .filter((_, i) => cols[i] === c)
        .join('\n')
        .trim();
    counter++;
    const numberCell = shadow(cell('number')).replace(/[.、\s]/gu, '');
    const number = /^\d+$/u.test(numberCell) ? String(Number(numberCell)) : String(counter);
    if (/^\d+$/u.test(numberCell)) counter = Number(numberCell);
    const task = cell('task');
    const detail = cell('detail');
    const sh = shadow(task);
    const stop = detail ? -1 : sh.search(/[。:]/u);
    const title = (stop >= 0 ? task.slice(0, stop) : task).trim().replace(/[。.]$/u, '');
    const roles: Partial<Record<PrintedRole, readonly string[]>> = {};
    const sameAsAbove: PrintedRole[] = [];
    for (const role of ['lead', 'responsible', 'support'] as const) {
      const value = cell(role);
      if (!value) continue;
      if (SAME.test(shadow(value).trim())) sameAsAbove.push(role);
      else roles[role] = splitMentions(value, ctx);
    }
    const leaders = cell('leader')
      .split(/[、,，;；\n]/u)
      .map((x) => x.trim())
      .filter(Boolean);
    out.push({
      kind: 'item',
      number,
      title,
      text: [task, detail].filter(Boolean).join('\n'),
      assignments: [
        { roles, sameAsAbove, leaders, deadline: cell('deadline') || null, sticky: false, sectionWide: false },
      ],
    });
  }
  return out;
}

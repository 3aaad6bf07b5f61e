import type { Indicator, Item, Plan, PlanWarning, Section } from '../schema/plan.ts';
import { type Block, paragraph, table } from './blocks.ts';
import { type FrontMatter, isFurniture, type Line, readFrontMatter } from './frontmatter.ts';
import { type Heading, type HeadingStyle, headingOf } from './headings.ts';
import { extractIndicators } from './indicators.ts';
import { type MentionContext, placeNamesOf } from './mentions.ts';
import { extractMilestones } from './milestones.ts';
import { shadow } from './normalize.ts';
import { type Assignment, type FoundAssignments, findAssignments, type PrintedRole } from './responsibility.ts';

type FindAssignments = (text: string) => FoundAssignments | null;

import { readTaskTable, type TableItem } from './tables.ts';

/**
 * The plan parser: a document (paragraphs and tables) in, plan JSON out
 * (shared/spec/plan-json.md). Pure and total: it never throws and never reads a file.
 */

/** A body element after the front matter: a line of text or a task table. */
type BodyPart = { kind: 'line'; line: Line } | { kind: 'table'; rows: readonly (readonly string[])[]; offset: number };

interface TextPart {
  readonly text: string;
  readonly offset: number;
}

interface ItemDraft {
  number: string;
  title: string;
  parts: TextPart[];
  start: number;
  end: number;
  assignments: Assignment[];
  hasBody: boolean;
  closed: boolean;
}

interface SectionDraft {
  number: string;
  title: string;
  items: ItemDraft[];
  wide: Assignment[];
}

/** The text a document's blocks make, as the preview shows it: offsets point into this. */
export function sourceText(blocks: readonly Block[]): string {
  return linesOf(blocks).source;
}

function linesOf(blocks: readonly Block[]): { source: string; parts: BodyPart[] } {
  const parts: BodyPart[] = [];
  const chunks: string[] = [];
  let offset = 0;
  const push = (text: string) => {
    chunks.push(text);
    offset += text.length + 1;
  };
  for (const b of blocks) {
    if (b.type === 'paragraph') {
      for (const raw of b.text.split(/\r\n|\r|\n/u)) {
        parts.push({ kind: 'line', line: { orig: raw, sh: shadow(raw), offset } });
        push(raw);
      }
    } else {
      parts.push({ kind: 'table', rows: b.rows, offset });
      for (const row of b.rows) push(row.join('\t'));
    }
  }
  return { source: chunks.join('\n'), parts };
}

/** Parse a plan document given as blocks (paragraphs and tables). Never throws. */
export function parseBlocks(blocks: readonly Block[]): Plan {
  try {
    return parseParts(linesOf(blocks).parts);
  } catch (err) {
    // A parser bug must not lose the user's document: report it as a warning on an empty plan.
    return {
      notice: null,
      title: '',
      issuers: [],
      date: null,
      sections: [],
      warnings: [{ code: 'no-items', message: `The parser failed on this document: ${String(err)}` }],
    };
  }
}

/**
 * Parse a plan document given as plain text: each line is a paragraph, and runs of lines
 * with tab- or |-separated cells are read as tables. Never throws.
 */
export function parseText(text: string): Plan {
  return parseBlocks(textBlocks(text));
}

/** Lines of text as blocks: runs of two or more cell rows become a table. */
export function textBlocks(text: string): Block[] {
  const lines = text.replace(/^\uFEFF/u, '').split(/\r\n|\r|\n/u);
  const blocks: Block[] = [];
  let rows: string[][] = [];
  const flush = () => {
    if (rows.length >= 2) blocks.push(table(rows));
    else for (const r of rows) blocks.push(paragraph(r.join('\t')));
    rows = [];
  };
  for (const line of lines) {
    const cells = cellsOf(line);
    if (cells) {
      if (cells.length > 0) rows.push(cells);
      continue;
    }
    flush();
    blocks.push(paragraph(line));
  }
  flush();
  return blocks;
}

/** The cells of a table row written as text (`a\tb\tc` or `| a | b |`); [] for a rule line. */
function cellsOf(line: string): string[] | null {
  // Trim spaces only: trailing tabs are empty cells of a row that spans the table.
  const t = line.replace(/^[ \u3000]+|[ \u3000\r]+$/gu, '');
  if (/^\|.*\|$/u.test(t)) {
    if (/^\|[\s:|-]+\|$/u.test(t)) return [];
    return t
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
  }
  if ((t.match(/\t/gu)?.length ?? 0) >= 2) return t.split(/\t/u).map((c) => c.trim());
  return null;
}

function parseParts(parts: readonly BodyPart[]): Plan {
  const lines = parts.filter((p): p is Extract<BodyPart, { kind: 'line' }> => p.kind === 'line').map((p) => p.line);
  const front = readFrontMatter(lines.filter((l) => l.sh.trim() !== ''));
  const nonEmpty = lines.filter((l) => l.sh.trim() !== '');
  const head = nonEmpty.slice(0, Math.max(front.bodyStart, 1) + 2);
  const ctx: MentionContext = {
    places: placeNamesOf([front.notice ?? '', front.title, ...front.issuers, ...head.map((l) => l.orig)].join('\n')),
  };
  // Body: everything after the title line (tables anywhere after it too).
  const titleLine = nonEmpty[front.bodyStart - 1];
  const bodyFrom = front.bodyStart > 0 && titleLine ? titleLine.offset + 1 : 0;
  const body = parts.filter((p) => {
    if (p.kind === 'table') return p.offset >= bodyFrom;
    return p.line.offset >= bodyFrom && p.line.sh.trim() !== '' && !isFurniture(p.line.sh);
  });
  const warnings: PlanWarning[] = [];
  // Both passes over the body ask the same questions of the same lines: answer each once.
  const memo = new Map<string, FoundAssignments | null>();
  const find: FindAssignments = (text) => {
    let hit = memo.get(text);
    if (hit === undefined) {
      hit = findAssignments(text, ctx);
      memo.set(text, hit);
    }
    return hit;
  };
  const sections = buildSections(body, find, ctx, warnings);
  const plan = finish(front, sections, warnings);
  return plan;
}

/**
 * Which heading styles open sections and items here. Styles nest in the order they first
 * appear (一、 above (一) above 1.); with three or more, items are the style whose headings
 * match the document's assignments one to one, so numbered sub-points stay text.
 */
function chooseLevels(
  body: readonly BodyPart[],
  find: FindAssignments,
): { section?: HeadingStyle; item?: HeadingStyle } {
  const order: HeadingStyle[] = [];
  const headings = new Map<HeadingStyle, number>();
  const covered = new Map<HeadingStyle, Set<number>>();
  const open = new Map<HeadingStyle, number>(); // the heading now open at each style
  let serial = 0;
  let events = 0; // runs of consecutive assignment lines: one per assigned item, roughly
  let inRun = false;
  for (const p of body) {
    if (p.kind !== 'line') continue;
    const h = headingOf(p.line.sh);
    if (h) {
      if (!order.includes(h.style)) order.push(h.style);
      // A heading closes the ones nested below it.
      for (const s of order.slice(order.indexOf(h.style) + 1)) open.delete(s);
      open.set(h.style, serial++);
      headings.set(h.style, (headings.get(h.style) ?? 0) + 1);
    }
    const assigned = open.size > 0 && find(h ? p.line.orig.slice(h.prefixLength) : p.line.orig);
    if (assigned && (!inRun || h)) events++;
    inRun = Boolean(assigned) && !h;
    if (assigned) {
      for (const [style, id] of open) {
        const set = covered.get(style) ?? new Set<number>();
        set.add(id);
        covered.set(style, set);
      }
    }
  }
  // Sub-points (1) are item text unless the document has nothing else.
  const levels: HeadingStyle[] = order.filter((s) => s !== 'paren-arabic');
  if (levels.length === 0 && order.length > 0) levels.push('paren-arabic');
  if (levels.length === 0) return {};
  if (levels.length === 1) return { item: levels[0] };
  // How well a style's headings match the assignments one to one.
  const fit = (s: HeadingStyle) => (covered.get(s)?.size ?? 0) / Math.max(headings.get(s) ?? 1, events, 1);
  let itemAt = 1;
  for (let i = 2; i < Math.min(levels.length, 3); i++) {
    if (fit(levels[i] as HeadingStyle) >= fit(levels[itemAt] as HeadingStyle) && events > 0) itemAt = i;
  }
  return { section: levels[itemAt - 1], item: levels[itemAt] };
}

function buildSections(
  body: readonly BodyPart[],
  find: FindAssignments,
  ctx: MentionContext,
  warnings: PlanWarning[],
): SectionDraft[] {
  const levels = chooseLevels(body, find);
  const sections: SectionDraft[] = [];
  let section: SectionDraft | null = null;
  let item: ItemDraft | null = null;
  const ensureSection = (): SectionDraft => {
    if (!section) {
      section = { number: '', title: '', items: [], wide: [] };
      sections.push(section);
    }
    return section;
  };

  for (const p of body) {
    if (p.kind === 'table') {
      const read = readTaskTable(p.rows, ctx);
      if (!read) {
        if (item && !item.closed)
          item.parts.push({ text: p.rows.map((r) => r.join('\t')).join('\n'), offset: p.offset });
        continue;
      }
      for (const entry of read) {
        if (entry.kind === 'section') {
          section = { number: entry.number, title: entry.title, items: [], wide: [] };
          sections.push(section);
        } else {
          ensureSection().items.push(tableItem(entry, p.offset));
        }
      }
      item = null;
      continue;
    }
    const { line } = p;
    const h = headingOf(line.sh);
    if (h && h.style === levels.section) {
      const rest = line.orig.slice(h.prefixLength);
      const found = find(rest);
      section = {
        number: h.printed,
        title: trimTitle(found ? found.rest : rest),
        items: [],
        wide: found ? [...found.assignments] : [],
      };
      sections.push(section);
      item = null;
      continue;
    }
    if (h && h.style === levels.item) {
      item = startItem(line, h, find);
      ensureSection().items.push(item);
      continue;
    }
    const found = find(line.orig);
    if (found) {
      const rest = found.rest.trim();
      const wide = found.assignments.some((a) => a.sectionWide);
      if (wide || (!item && section)) {
        ensureSection().wide.push(...found.assignments);
      } else if (item) {
        if (rest) addText(item, rest, line.offset);
        item.assignments.push(...found.assignments);
        if (found.trailing && item.hasBody) item.closed = true;
        item.end = line.offset + line.orig.length;
      } else {
        ensureSection().wide.push(...found.assignments);
      }
      continue;
    }
    if (item && !item.closed) {
      addText(item, line.orig, line.offset);
      item.end = line.offset + line.orig.length;
    } else if (item) {
      warnings.push({
        code: 'orphan-text',
        message: 'This text follows a completed item and belongs to no item.',
        section: sections.length,
        item: item.number,
        excerpt: excerpt(line.orig),
      });
    }
    // Text before a section's first item is its introduction: kept out of every item.
  }
  return sections;
}

function startItem(line: Line, h: Heading, find: FindAssignments): ItemDraft {
  const restOrig = line.orig.slice(h.prefixLength);
  const found = find(restOrig);
  const text = found ? found.rest.trim() : restOrig.trim();
  const sh = shadow(text);
  const stop = sh.indexOf('。');
  // A printed heading that ends at a colon: `扩大有效投资:` then the body.
  const colon = sh.search(/[:]/u);
  let cut = stop;
  if (colon > 0 && colon <= 30 && (stop < 0 || colon < stop)) cut = colon;
  const title = trimTitle(cut >= 0 ? text.slice(0, cut) : text);
  const item: ItemDraft = {
    number: String(h.value),
    title,
    parts: [],
    start: line.offset,
    end: line.offset + line.orig.length,
    assignments: found ? [...found.assignments] : [],
    hasBody: cut >= 0 && sh.slice(cut + 1).trim().length > 0,
    closed: false,
  };
  if (text) item.parts.push({ text, offset: line.offset + h.prefixLength });
  if (found?.trailing && item.hasBody) item.closed = true;
  return item;
}

function addText(item: ItemDraft, text: string, offset: number): void {
  item.parts.push({ text, offset });
  item.hasBody = true;
}

function tableItem(entry: TableItem, offset: number): ItemDraft {
  return {
    number: entry.number,
    title: entry.title,
    parts: [{ text: entry.text, offset }],
    start: offset,
    end: offset,
    assignments: entry.assignments,
    hasBody: true,
    closed: true,
  };
}

function trimTitle(s: string): string {
  return s.trim().replace(/^[\s:：]+|[\s。.;；,，:：]+$/gu, '');
}

function excerpt(s: string): string {
  const t = s.trim();
  return t.length > 60 ? `${t.slice(0, 60)}…` : t;
}

interface Roles {
  lead: string[];
  support: string[];
}

/** Spec rule 6: 牵头 leads and 责任 supports beside it; 责任 alone leads. */
function rolesOf(assignments: readonly Assignment[]): {
  roles: Partial<Record<PrintedRole, string[]>>;
  same: Set<PrintedRole>;
  sticky: boolean;
  leaders: string[];
  deadline: string | null;
} {
  const roles: Partial<Record<PrintedRole, string[]>> = {};
  const same = new Set<PrintedRole>();
  let sticky = false;
  const leaders: string[] = [];
  let deadline: string | null = null;
  for (const a of assignments) {
    for (const [role, list] of Object.entries(a.roles) as [PrintedRole, readonly string[]][]) {
      const into = roles[role] ?? [];
      for (const m of list) if (!into.includes(m)) into.push(m);
      roles[role] = into;
    }
    for (const r of a.sameAsAbove) same.add(r);
    sticky ||= a.sticky;
    leaders.push(...a.leaders);
    deadline ??= a.deadline;
  }
  return { roles, same, sticky, leaders, deadline };
}

function toRoles(roles: Partial<Record<PrintedRole, string[]>>): Roles {
  const lead = roles.lead ?? [];
  const responsible = roles.responsible ?? [];
  const support = roles.support ?? [];
  if (lead.length > 0) return { lead: [...lead], support: union(responsible, support) };
  return { lead: [...responsible], support: [...support] };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  const out = [...a];
  for (const x of b) if (!out.includes(x)) out.push(x);
  return out;
}

function finish(front: FrontMatter, drafts: readonly SectionDraft[], warnings: PlanWarning[]): Plan {
  const sections: Section[] = [];
  let previous: Roles = { lead: [], support: [] };
  let sticky: Roles | null = null;
  // Deadline phrases without a year (年底前, 6月底前) fall in the plan's year.
  const year = planYear(front);
  drafts.forEach((sd, si) => {
    const wide = toRoles(rolesOf(sd.wide).roles);
    const items: Item[] = [];
    for (const d of sd.items) {
      const r = rolesOf(d.assignments);
      let own = toRoles(r.roles);
      // 同上: the previous item's offices for that role (rule 7).
      if (r.same.has('lead') || r.same.has('responsible')) own.lead = union(own.lead, previous.lead);
      if (r.same.has('support')) own.support = union(own.support, previous.support);
      const hasOwn = own.lead.length > 0 || own.support.length > 0;
      if (r.sticky) sticky = { lead: [...own.lead], support: [...own.support] };
      else if (hasOwn) sticky = null;
      else if (sticky) own = { lead: [...sticky.lead], support: [...sticky.support] };
      // A section-level line fills the roles an item leaves empty.
      if (own.lead.length === 0) own.lead = [...wide.lead];
      if (own.support.length === 0) own.support = [...wide.support];
      previous = own;

      const text = d.parts.map((p) => p.text).join('\n');
      // A deadline given for the whole item (完成时限) binds each target that names none of its own.
      const found = extractIndicators(text);
      const indicators = found.map((ind) =>
        withSourceSpan(r.deadline && ind.deadline === null ? { ...ind, deadline: r.deadline } : ind, d.parts),
      );
      const milestones = extractMilestones(
        text,
        year,
        found.flatMap((ind) => (ind.span ? [ind.span] : [])),
      );
      const item: Item = {
        number: d.number,
        title: d.title,
        text,
        lead: own.lead,
        support: own.support,
        indicators,
        span: [d.start, Math.max(d.start, d.end)],
      };
      if (milestones.length > 0) item.milestones = milestones;
      if (r.leaders.length > 0) item.leaders = r.leaders;
      if (r.deadline) item.deadline = r.deadline;
      if (own.lead.length === 0) {
        warnings.push({
          code: 'no-lead',
          message: 'No lead office (责任单位/牵头单位) was found for this item.',
          section: si + 1,
          item: d.number,
          excerpt: excerpt(d.title),
        });
      }
      items.push(item);
    }
    sections.push({ number: sd.number, title: sd.title, items });
  });
  if (!sections.some((s) => s.items.length > 0)) {
    warnings.push({ code: 'no-items', message: 'No numbered items (1. / (一) / 一、) were found in this document.' });
  }
  if (!front.title) warnings.push({ code: 'no-title', message: 'The plan has no recognisable title line.' });
  return {
    notice: front.notice,
    title: front.title,
    issuers: front.issuers,
    date: front.date,
    sections: sections.filter((s) => s.items.length > 0 || s.title !== ''),
    warnings,
  };
}

function planYear(front: FrontMatter): number | null {
  const y = /^(\d{4})-/.exec(front.date ?? '')?.[1] ?? /(\d{4})年/.exec(front.title)?.[1];
  return y === undefined ? null : Number(y);
}

/** Move an indicator's span from its item's joined text to the source document. */
function withSourceSpan(ind: Indicator, parts: readonly TextPart[]): Indicator {
  if (!ind.span) return ind;
  let at = 0;
  for (const p of parts) {
    if (ind.span[0] < at + p.text.length + 1) {
      const delta = p.offset - at;
      return { ...ind, span: [ind.span[0] + delta, ind.span[1] + delta] };
    }
    at += p.text.length + 1;
  }
  return ind;
}

import { looksLikeOffice, type MentionContext, splitMentions } from './mentions.ts';
import { shadow } from './normalize.ts';

/**
 * Who is responsible for an item, in every common printed form:
 * `X为责任单位,Y协办`, `牵头单位:X` lines, `(责任单位:X;配合单位:Y)`, `X牵头,Y配合`, `由X负责`,
 * `〔责任单位:同上〕`, `…,下同`, `责任领导:张某某`. Roles follow spec rules 6 and 7.
 */

/** The printed roles: 牵头 (lead), 责任 (lead, or support beside a 牵头), 协办/配合 (support). */
export type PrintedRole = 'lead' | 'responsible' | 'support';

export interface Assignment {
  /** Mentions by printed role; absent where the statement does not name the role. */
  readonly roles: Partial<Record<PrintedRole, readonly string[]>>;
  /** Roles whose value is 同上: the previous item's offices for that role. */
  readonly sameAsAbove: readonly PrintedRole[];
  /** Persons named on 责任领导 lines. */
  readonly leaders: readonly string[];
  readonly deadline: string | null;
  /** Followed by 下同: applies to the following items until another assignment. */
  readonly sticky: boolean;
  /** Said of a whole section: 以上工作由X牵头. */
  readonly sectionWide: boolean;
}

const LABELS: readonly [RegExp, PrintedRole | 'leader' | 'deadline'][] = [
  [/^(?:牵头责任单位|牵头单位|牵头部门|主责单位|主办单位|牵头处室)/u, 'lead'],
  [/^(?:责任单位|责任部门|负责单位|承办单位|实施单位|责任主体)/u, 'responsible'],
  [/^(?:协办单位|配合单位|参与单位|协助单位|协办部门|配合部门|参与部门|协同单位)/u, 'support'],
  [/^(?:责任领导|牵头领导|分管领导|牵头区领导|责任区领导|联系领导|责任人)/u, 'leader'],
  [/^(?:完成时限|完成时间|时间节点|时限要求|办结时限)/u, 'deadline'],
];
const LABEL_ANY =
  /(牵头责任单位|牵头单位|牵头部门|主责单位|主办单位|牵头处室|责任单位|责任部门|负责单位|承办单位|实施单位|责任主体|协办单位|配合单位|参与单位|协助单位|协办部门|配合部门|参与部门|协同单位|责任领导|牵头领导|分管领导|牵头区领导|责任区领导|联系领导|责任人|完成时限|完成时间|时间节点|时限要求|办结时限)\s*[:：]/gu;

const SAME = /^(?:同上|同前|同上条)$/u;
/** Words without which a segment cannot be a responsibility statement. */
const ROLE_WORD = /单位|部门|牵头|负责|主责|配合|协办|参与|协助|领导|责任人|同上|同前|处室/u;
const STICKY = /[,;，；。\s]*下同[。.]?$/u;
const SECTION_WIDE = /^(?:以上|上述|本部分|本项|此项|该项)(?:各项)?(?:工作|任务|事项)?/u;

interface Builder {
  roles: Partial<Record<PrintedRole, string[]>>;
  sameAsAbove: PrintedRole[];
  leaders: string[];
  deadline: string | null;
}

function addRole(b: Builder, role: PrintedRole, value: string, ctx: MentionContext): boolean {
  const v = value.replace(/^[\s:：,，;；]+|[\s,，;；。.]+$/gu, '');
  if (v.length === 0) return false;
  if (SAME.test(shadow(v))) {
    b.sameAsAbove.push(role);
    return true;
  }
  const mentions = splitMentions(v, ctx);
  if (mentions.length === 0) return false;
  const list = b.roles[role] ?? [];
  for (const m of mentions) if (!list.includes(m)) list.push(m);
  b.roles[role] = list;
  return true;
}

/** `牵头单位:X;配合单位:Y` and its variants: label, colon, value, up to the next label. */
function parseLabelled(orig: string, sh: string, b: Builder, ctx: MentionContext): boolean {
  const hits = [...sh.matchAll(LABEL_ANY)];
  if (hits.length === 0 || (hits[0]?.index ?? -1) !== 0) return false;
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i] as RegExpExecArray;
    const start = (h.index ?? 0) + h[0].length;
    const end = i + 1 < hits.length ? ((hits[i + 1] as RegExpExecArray).index ?? sh.length) : sh.length;
    const value = orig.slice(start, end);
    const label = LABELS.find(([re]) => re.test(h[1] as string))?.[1];
    if (label === undefined) return false;
    if (label === 'leader') {
      const persons = value
        .split(/[、,，;；]/u)
        .map((x) => x.trim().replace(/[。.]+$/u, ''))
        .filter(Boolean);
      b.leaders.push(...persons);
    } else if (label === 'deadline') {
      b.deadline = value.replace(/^[\s]+|[\s,，;；。]+$/gu, '') || null;
    } else if (!addRole(b, label, value, ctx)) return false;
  }
  return true;
}

const CLAUSE_PATTERNS: readonly [RegExp, PrintedRole][] = [
  [/^(?:由)?(.+?)为(?:主要)?(?:牵头单位|牵头部门|主责单位)$/u, 'lead'],
  [/^(?:由)?(.+?)为(?:主要)?(?:责任单位|责任部门|负责单位)$/u, 'responsible'],
  [/^(?:由)?(.+?)为(?:协办单位|配合单位|参与单位|协助单位|协办部门|配合部门)$/u, 'support'],
  [/^(?:由)?(.+?)(?:负责)?(?:协办|配合|参与|协助)(?:实施|落实|推进)?$/u, 'support'],
  [/^(?:由)?(.+?)(?:牵头负责|牵头落实|牵头抓总|牵头|具体负责|负责落实|负责实施|负责|主责)$/u, 'lead'],
];

/** Split on , ; 。 outside brackets. */
function clauses(sh: string): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= sh.length; i++) {
    const c = i < sh.length ? sh.charCodeAt(i) : -1;
    if (c === 0x28 || c === 0x3014 || c === 0x3010 || c === 0x5b) depth++;
    else if (c === 0x29 || c === 0x3015 || c === 0x3011 || c === 0x5d) depth = Math.max(0, depth - 1);
    else if (c === -1 || (depth === 0 && (c === 0x2c || c === 0x3b || c === 0x3002))) {
      if (i > start) out.push([start, i]);
      start = i + 1;
    }
  }
  return out;
}

/** `X为责任单位,Y协办` / `由X牵头,Y配合` / `由X负责`: every clause must be one of these. */
function parseSentence(orig: string, sh: string, b: Builder, ctx: MentionContext): boolean {
  const parts = clauses(sh);
  if (parts.length === 0) return false;
  for (const [s, e] of parts) {
    const csh = sh.slice(s, e).trim();
    if (csh.length === 0) continue;
    const off = s + sh.slice(s, e).indexOf(csh);
    let matched = false;
    for (const [re, role] of CLAUSE_PATTERNS) {
      const m = re.exec(csh);
      if (!m) continue;
      const body = m[1] as string;
      if (!SAME.test(body) && !body.split(/[、,，]/u).every((x) => looksLikeOffice(x) || /^各/u.test(x))) continue;
      const at = off + (m.index ?? 0) + m[0].indexOf(body);
      matched = addRole(b, role, orig.slice(at, at + body.length), ctx);
      if (matched) break;
    }
    if (!matched) return false;
  }
  return true;
}

/**
 * Read a whole segment (a line, or the inside of a bracket) as a responsibility statement.
 * Returns null when the segment is anything else, so body text is never taken for offices.
 */
export function parseAssignment(orig: string, ctx: MentionContext): Assignment | null {
  let sh = shadow(orig).trim();
  // Most body text names no role at all: leave it before any clause work.
  if (!ROLE_WORD.test(sh)) return null;
  let text = orig.trim();
  if (sh.length === 0) return null;
  let sticky = false;
  const st = STICKY.exec(sh);
  if (st) {
    sticky = true;
    sh = sh.slice(0, st.index);
    text = text.slice(0, st.index);
  }
  let sectionWide = false;
  const sw = SECTION_WIDE.exec(sh);
  if (sw && sw[0].length > 0) {
    sectionWide = true;
    sh = sh.slice(sw[0].length).replace(/^[,，\s]+/u, '');
    text = text.slice(text.length - sh.length);
  }
  const b: Builder = { roles: {}, sameAsAbove: [], leaders: [], deadline: null };
  if (!parseLabelled(text, sh, b, ctx)) {
    const fresh: Builder = { roles: {}, sameAsAbove: [], leaders: [], deadline: null };
    if (!parseSentence(text, sh, fresh, ctx)) return null;
    Object.assign(b, fresh);
  }
  if (Object.keys(b.roles).length === 0 && b.sameAsAbove.length === 0 && b.leaders.length === 0) return null;
  return { ...b, sticky, sectionWide };
}

/** The responsibility statements found in one paragraph. */
export interface FoundAssignments {
  readonly assignments: readonly Assignment[];
  /** The paragraph with the statements taken out ("" when it was nothing else). */
  readonly rest: string;
  /** Whether a statement ends the paragraph (the whole of it, a trailing bracket or final sentence). */
  readonly trailing: boolean;
}

const OPEN = '(〔【[';
const CLOSE = ')〕】]';

/**
 * Find the responsibility statements in one paragraph: the whole paragraph, bracketed groups
 * such as `(责任单位:X;配合单位:Y)` anywhere in it, or a closing sentence `X牵头,Y配合。`.
 * Null when the paragraph names no one.
 */
export function findAssignments(orig: string, ctx: MentionContext): FoundAssignments | null {
  if (!ROLE_WORD.test(shadow(orig))) return null;
  const whole = parseAssignment(stripOuterBracket(orig), ctx);
  if (whole) return { assignments: [whole], rest: '', trailing: true };

  const sh = shadow(orig);
  const assignments: Assignment[] = [];
  let rest = orig;
  let trailing = false;
  // Outermost bracketed groups, scanned right to left so earlier offsets stay valid.
  const groups: [number, number][] = [];
  const stack: number[] = [];
  for (let i = 0; i < sh.length; i++) {
    const c = sh[i] as string;
    if (OPEN.includes(c)) stack.push(i);
    else if (CLOSE.includes(c) && stack.length > 0) {
      const s = stack.pop() as number;
      if (stack.length === 0) groups.push([s, i + 1]);
    }
  }
  for (let g = groups.length - 1; g >= 0; g--) {
    const [s, e] = groups[g] as [number, number];
    const after = /^[,;，；。\s]*下同[。.]?/u.exec(sh.slice(e));
    const end = after ? e + after[0].length : e;
    const a = parseAssignment(orig.slice(s + 1, e - 1) + (after ? ',下同' : ''), ctx);
    if (!a) continue;
    if (/^[\s。.;；,，]*$/u.test(sh.slice(end))) trailing = true;
    assignments.unshift(a);
    rest = rest.slice(0, s) + rest.slice(end);
  }
  if (assignments.length > 0) return { assignments, rest, trailing };
  // A closing sentence: `…。区发改局牵头,区财政局配合。`
  const body = sh.replace(/[\s。]+$/u, '');
  const start = body.lastIndexOf('。') + 1;
  if (start > 0 && ROLE_WORD.test(body.slice(start))) {
    const a = parseAssignment(orig.slice(start, body.length), ctx);
    if (a) return { assignments: [a], rest: orig.slice(0, start), trailing: true };
  }
  return null;
}

function stripOuterBracket(orig: string): string {
  const t = orig.trim();
  const sh = shadow(t);
  if (sh.length >= 2 && OPEN.includes(sh[0] as string) && CLOSE.includes(sh[sh.length - 1] as string)) {
    // Only when the first bracket closes at the very end.
    let depth = 0;
    for (let i = 0; i < sh.length; i++) {
      if (OPEN.includes(sh[i] as string)) depth++;
      else if (CLOSE.includes(sh[i] as string)) depth--;
      if (depth === 0 && i < sh.length - 1) return t;
    }
    return t.slice(1, -1);
  }
  return t;
}

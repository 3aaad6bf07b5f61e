import { shadow } from './normalize.ts';

/**
 * Office mentions: the names of offices as a document writes them, split out of a
 * responsibility list by the rules of shared/spec/plan-json.md ("Unit mentions").
 * Decisions are taken on the shadow text; what is returned is sliced from the original.
 */

/** Words an office name ends with; a 和/及/与 splits a list only after one of these. */
const OFFICE_END =
  /(?:局|办|委|部|会|院|所|站|队|中心|单位|街道|社区|政府|处|室|科|公司|机关|部门|联|庭|馆|镇|乡|村|组|团|厅|司|企业|学校|党校|校|医院|厂|场|台|报社|电台|电视台|社|园|小组|支部|党组|机构|集团|银行|分行|支行|大队|中队|法院|检察院|协会|学会|基金会|商会|办事处|委员会|人大|政协|武装部|管委会|指挥部|所属单位|各单位|有关单位|相关单位|\))$/u;

/** Conjunctions that may join two office names. Longest first. */
const CONJ = /以及|和|及|与|并/gu;

/** Administrative prefixes a list may share (rule 3), simplified; the shadow folds 區縣鎮. */
const ADMIN_PREFIX = /^(?:区(?!域|划)|市(?!场|政(?!府))|县(?!域)|镇)/u;

/** A mention that already says whose it is: it takes neither a carried prefix nor 各. */
const OWN_PREFIX = /^(?:区(?!域|划)|市(?!场|政(?!府))|县(?!域)|镇|乡(?!村)|省|州|各|全|中共|中国|国家|本|该)/u;

/** Words that contain 区/市/县/镇 without naming a place. */
const NOT_PLACE_WORDS = /社区|小区|城区|辖区|片区|园区|景区|街区|市场|市政(?!府)|城市|城镇|乡镇|都市|县域|区域|区划/gu;

/** Vertical agencies often carry the place they serve: 罗湖公安分局, 公安滨海分局. */
const AGENCY =
  '公安|工商|税务|地税|国税|质监|质量技术监督|社保|交警|消防|海关|边检|规划|国土|供电|电信|移动|联通|邮政|气象|烟草|市场监管|生态环境';
const PLACE_BEFORE_AGENCY = new RegExp(`^[\\u4e00-\\u9fff]{2}(?:${AGENCY})`, 'u');
const PLACE_INSIDE_AGENCY = new RegExp(`^(?:${AGENCY})[\\u4e00-\\u9fff]{2}分局`, 'u');

/** Context a document gives to its mention lists. */
export interface MentionContext {
  /** Place names the document uses (罗湖, 青川, 深圳), simplified. */
  readonly places: readonly string[];
}

export const emptyMentionContext: MentionContext = { places: [] };

/** Characters before 省/市/区/县/镇/街道 that make a word rather than a place (社区, 城区). */
const NOT_PLACE_TAIL = new Set('社城辖全本我各片园小景街市郊山矿灾新老特该分两三四五六七八九十百'.split(''));

/**
 * Place names a document uses: two characters before 省 市 区 县 镇 街道, as in 深圳市罗湖区.
 * Read from the document's head (notice, title), where the issuing place is spelled out.
 */
export function placeNamesOf(head: string): string[] {
  const sh = shadow(head);
  const out = new Set<string>();
  const re = /([\u4e00-\u9fff]{2})(?:省|市|区|县|镇|街道)/gu;
  for (const m of sh.matchAll(re)) {
    const name = m[1] as string;
    if (NOT_PLACE_TAIL.has(name[1] as string) || NOT_PLACE_TAIL.has(name[0] as string)) continue;
    if (/^(?:关于|印发|中共|人民|政府|工作|办公|委员|有关|各级|全面|推进|建设|活动|年度)/u.test(name)) continue;
    out.add(name);
  }
  return [...out];
}

function hasPlace(sh: string, ctx: MentionContext): boolean {
  if (ctx.places.some((p) => sh.includes(p))) return true;
  if (PLACE_BEFORE_AGENCY.test(sh) || PLACE_INSIDE_AGENCY.test(sh)) return true;
  // 团区委, 驻区单位: an administrative character inside the name, not a word like 社区.
  return /[区市县镇]/u.test(sh.replace(NOT_PLACE_WORDS, ''));
}

interface Piece {
  readonly orig: string;
  readonly sh: string;
}

const OPENERS = '(〔【[《“';
const CLOSERS = ')〕】]》”';

/** Split on list separators outside brackets. */
function splitTopLevel(orig: string, sh: string): Piece[] {
  const out: Piece[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= sh.length; i++) {
    const c = sh[i];
    if (c !== undefined && OPENERS.includes(c)) depth++;
    else if (c !== undefined && CLOSERS.includes(c)) depth = Math.max(0, depth - 1);
    const isSep = c === undefined || (depth === 0 && /[、,;，；/\s]/u.test(c));
    if (isSep) {
      if (i > start) out.push({ orig: orig.slice(start, i), sh: sh.slice(start, i) });
      start = i + 1;
    }
  }
  return out;
}

/** Split one piece on 和 / 及 / 与 / 以及 where they join two office names. */
function splitConjunctions(p: Piece): Piece[] {
  const out: Piece[] = [];
  let start = 0;
  let depth = 0;
  const depthAt: number[] = [];
  for (let i = 0; i < p.sh.length; i++) {
    const c = p.sh[i] as string;
    if (OPENERS.includes(c)) depth++;
    else if (CLOSERS.includes(c)) depth = Math.max(0, depth - 1);
    depthAt.push(depth);
  }
  for (const m of p.sh.matchAll(CONJ)) {
    const at = m.index ?? 0;
    if (depthAt[at] !== 0 || at <= start) continue;
    const left = p.sh.slice(start, at);
    const right = p.sh.slice(at + m[0].length);
    if (left.length < 2 || right.length < 2 || !OFFICE_END.test(left)) continue;
    out.push({ orig: p.orig.slice(start, at), sh: left });
    start = at + m[0].length;
  }
  out.push({ orig: p.orig.slice(start), sh: p.sh.slice(start) });
  return out;
}

/** Words around a name that are not part of it: 由X负责, X等单位. */
function trimPiece(p: Piece): Piece | null {
  let s = 0;
  let e = p.sh.length;
  const lead = /^(?:由|请|会同|组织|另外)/u.exec(p.sh);
  if (lead) s = lead[0].length;
  const tail = /(?:等(?:单位|部门)?|分别|共同|具体|负责|牵头)$/u.exec(p.sh.slice(s));
  if (tail) e = p.sh.length - tail[0].length;
  const sh = p.sh.slice(s, e).replace(/^[。.:：]+|[。.:：]+$/gu, '');
  if (sh.length === 0) return null;
  const off = p.sh.indexOf(sh, s);
  return { orig: p.orig.slice(off, off + sh.length), sh };
}

/**
 * The office mentions in a responsibility list such as `区建设局、审计局和财政局`:
 * split (rule 1), 各 spread (rule 2), shared prefix carried (rule 3), each once (rule 5).
 */
export function splitMentions(list: string, ctx: MentionContext = emptyMentionContext): string[] {
  const sh = shadow(list);
  const out: string[] = [];
  const seen = new Set<string>();
  let prefix: string | null = null; // the original prefix character to carry, e.g. 区 or 區
  for (const group of splitTopLevel(list, sh)) {
    // 各 spreads only over names joined to it by 和/及/与 (各街道及派驻单位), not across 、.
    let distributive = false;
    for (const p of splitConjunctions(group)
      .map(trimPiece)
      .filter((x): x is Piece => x !== null)) {
      let name = p.orig.trim();
      const ownPrefix = OWN_PREFIX.test(p.sh);
      if (p.sh.startsWith('各')) distributive = true;
      else if (ownPrefix) distributive = false;
      else if (distributive && !ctx.places.some((pl) => p.sh.includes(pl))) name = `各${name}`;
      else if (prefix !== null && !hasPlace(p.sh, ctx)) name = prefix + name;
      if (ADMIN_PREFIX.test(p.sh)) prefix = p.orig[0] as string;
      const key = shadow(name).replace(/\s+/gu, '');
      if (!seen.has(key)) {
        seen.add(key);
        out.push(name);
      }
    }
  }
  return out;
}

/** Whether a string reads as an office name (used to accept free-form 由X负责 sentences). */
export function looksLikeOffice(sh: string): boolean {
  const s = sh.replace(/\s+/gu, '');
  return s.length >= 2 && s.length <= 40 && OFFICE_END.test(s);
}

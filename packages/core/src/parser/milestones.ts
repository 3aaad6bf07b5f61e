import { deadlineDate } from '../status/deadline.ts';
import { shadow } from './normalize.ts';

/**
 * Milestones (节点任务): the deliverables an item promises in words rather than figures —
 * 出台《…办法》, 建立…制度, 建成…中心, 成立…会, 开展…试点, 完成…工程. The parser proposes them;
 * a person keeps, edits or drops each in the import preview, so the rules aim at "worth
 * proposing", not at certainty. Ongoing work (加强, 推进, 完善 alone) and clauses that already
 * set a measurable target (the target tracks those) are not milestones.
 */

export interface ProposedMilestone {
  readonly text: string;
  /** ISO date from a deadline phrase in the clause or its sentence; null when none is dated. */
  readonly due: string | null;
}

const DEADLINE_SOURCE = [
  '(?:\\d{4}年)?(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月份?(?:\\d{1,2}[日号])?(?:底|末)?(?:之前|以前|前)',
  '(?:\\d{4}年)?(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月(?:底|末)',
  '(?:\\d{4}|今|本)?年(?:底|末)(?:之前|以前|前)?',
  '(?<![全每半当近多去上新跨十百两一二三四五六七八九\\d])(?:\\d{4}|今|本)?年度?内',
  '[上下]半年',
].join('|');
const DEADLINE_PHRASE = new RegExp(DEADLINE_SOURCE, 'u');
/** A deadline opening the clause, by date or by event (党的十七大召开之前): 6月底前出台…. */
const LEAD = `(?:(?:${DEADLINE_SOURCE})|[^,;:。]{0,12}?(?:召开|开幕|举行|开学|节)(?:之前|以前|前))?`;

/** Words that may stand before the cue without changing what is promised. */
const ADVERBS =
  '(?:研究|探索|积极|继续|全面|加快|逐步|进一步|认真|切实|要|并|重点|着力|努力|力争|争取|确保|抓紧|尽快|及时|同时|率先|深入|高质量|高标准|年内|年底前|统一|规范|尽早|事先|逐级|分别)*';
/** A short subject before the verb: 各街道和区民营工委设立…, 区、街道和社区逐级签订…. */
const SUBJECT = '(?:[^,;:。]{0,12}?(?:街道|社区|党委|工委|党组|局|办|部门|单位|各级))?';

/** A document's name is a deliverable whatever its verb's object is. */
const DOCUMENT_VERB = '(?:制定|制订|出台|印发|编印|汇编|起草|修订|编制|颁布)';
/** A thing set up: a deliverable only when the object names an institution (制度, 机制, 平台 …). */
const SETUP_VERB = '(?:建立|设立|组建|创建|签订)';
/** Done once and for all: the object is the deliverable. */
const FINISH_VERB = '(?:建成|成立|完成|落成|挂牌)';

const DOCUMENT_CUE = new RegExp(`^${LEAD}${SUBJECT}${ADVERBS}${DOCUMENT_VERB}`, 'u');
const SETUP_CUE = new RegExp(`^${LEAD}${SUBJECT}${ADVERBS}${SETUP_VERB}`, 'u');
const FINISH_CUE = new RegExp(`^${LEAD}${SUBJECT}${ADVERBS}${FINISH_VERB}`, 'u');
/** A one-off review the plan schedules: 开展…综合评价工作, 年底对…进行全面检查考核. */
// Not after 加强/强化 (加强对干部的管理和考核 is ongoing work, not a review to hold).
const REVIEW_CUE = new RegExp(
  `^${ADVERBS}(?:开展|进行|组织|对)[^,;:。]*?(?:评价|评估|考核|普查|验收|评比)(?:工作|活动)?$`,
  'u',
);
/** 开展…试点, 在X进行试点, 试点并推行…: a pilot is a deliverable wherever the verb stands. */
const PILOT_CUE = /试点(?!经验|基础|成果)/u;
/** What a 建立-type verb must set up to count: an institution, not a mood (建立良好风气). */
const INSTITUTION =
  /(?:制度|机制|责任制|平台|系统|档案|中心|队伍|网络|体系|联络点|电话|办法|方案|台账|数据库|工作站|专线|基金|支部|党组织|委员会|协会|责任书|队|站|库|网|会)(?:工作|建设)?$/u;
/** Words that make a document cue name ongoing work, not a document (制定计划生育…). */
const DOCUMENT_OBJECT =
  /《|办法|方案|制度|意见|规定|细则|标准|规划|计划(?!生育)|预案|文件|汇编|政策|措施|规则|章程|清单/u;
/** A clause that only sets the scene: 在…的基础上, 按照…原则. */
const CONDITION = /^(?:在.*基础上|按照|根据|围绕|结合|通过|以)/u;

/** A span [start, end) of the item text that already sets a target. */
export type TextSpan = readonly [number, number];

interface Clause {
  readonly start: number;
  readonly end: number;
}

/**
 * Milestones an item's body promises, in order, at most one per clause. `targetSpans` are
 * the offsets (in `text`) of clauses that set indicators: those are tracked as targets.
 * `planYear` dates deadline phrases that give no year; without one, due is null.
 */
export function extractMilestones(
  text: string,
  planYear: number | null,
  targetSpans: readonly TextSpan[] = [],
): ProposedMilestone[] {
  const s = shadow(text);
  const out: ProposedMilestone[] = [];
  const seen = new Set<string>();
  for (const sentence of sentences(s)) {
    let sentenceDue: string | null = null;
    for (let i = 0; i < sentence.length; i++) {
      const c = sentence[i] as Clause;
      const clause = s.slice(c.start, c.end);
      const phrase = DEADLINE_PHRASE.exec(clause)?.[0] ?? null;
      const due = phrase !== null && planYear !== null ? deadlineDate(phrase, planYear) : null;
      // A clause that is only a deadline (年内, 年底前) dates the rest of its sentence.
      if (phrase !== null && clause.replace(/^(?:在|于|到|至)/u, '') === phrase) {
        sentenceDue = due;
        continue;
      }
      if (targetSpans.some(([a, b]) => a < c.end && b > c.start)) continue;
      const end = milestoneEnd(s, sentence, i);
      if (end === null) continue;
      const printed = text.slice(c.start, end).trim();
      const key = shadow(printed);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ text: printed, due: due ?? sentenceDue });
    }
  }
  return out;
}

/** Where the milestone that clause i opens ends, or null when it opens none. */
function milestoneEnd(s: string, sentence: readonly Clause[], i: number): number | null {
  const c = sentence[i] as Clause;
  const clause = s.slice(c.start, c.end);
  if (CONDITION.test(clause) && !PILOT_CUE.test(clause)) return null;
  if (PILOT_CUE.test(clause)) return c.end;
  if (FINISH_CUE.test(clause)) return /完成率|完成情况/u.test(clause) ? null : c.end;
  if (DOCUMENT_CUE.test(clause)) return DOCUMENT_OBJECT.test(clause) ? c.end : null;
  if (SETUP_CUE.test(clause)) {
    // 建立以…为主体,…为补充,…相配套的综合性体系: the object may run over a few commas.
    for (let j = i; j < Math.min(sentence.length, i + 4); j++) {
      const cj = sentence[j] as Clause;
      if (INSTITUTION.test(withoutNote(s.slice(c.start, cj.end)))) return cj.end;
    }
    return /制度|机制/u.test(clause) ? c.end : null;
  }
  return REVIEW_CUE.test(clause) ? c.end : null;
}

/** Without a trailing parenthetical note: 二级平台(街道办事处) names a 平台. */
function withoutNote(t: string): string {
  return t.replace(/\([^()]*\)$/u, '');
}

/** Sentences of `s` (split on 。;! ? and line breaks), each as its comma-separated clauses. */
function sentences(s: string): Clause[][] {
  const out: Clause[][] = [];
  let sentence: Clause[] = [];
  let start = 0;
  let depth = 0;
  const close = (end: number): void => {
    let a = start;
    let b = end;
    while (a < b && /\s/u.test(s[a] as string)) a++;
    while (b > a && /\s/u.test(s[b - 1] as string)) b--;
    if (b > a) sentence.push({ start: a, end: b });
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if ('(《“‘【〔'.includes(ch)) depth++;
    else if (')》”’】〕'.includes(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && ',:'.includes(ch)) {
      close(i);
      start = i + 1;
    } else if ('。;!?\n\r'.includes(ch)) {
      close(i);
      start = i + 1;
      depth = 0;
      if (sentence.length > 0) out.push(sentence);
      sentence = [];
    }
  }
  close(s.length);
  if (sentence.length > 0) out.push(sentence);
  return out;
}

import { cnOrdinal, headingOf } from './headings.ts';

/**
 * The parts of a document before its first task: web-page furniture (索引号, 分享到), the
 * document header (…文件, 文号), the covering notice (its title, issuers, date and its own
 * numbered requirements, which are not plan items) and the plan's title.
 */

/** A line of the document: original text, its shadow, and where it starts in the source. */
export interface Line {
  readonly orig: string;
  readonly sh: string;
  readonly offset: number;
}

export interface FrontMatter {
  readonly notice: string | null;
  readonly title: string;
  readonly issuers: string[];
  readonly date: string | null;
  /** Index of the first line after the title: where sections and items may start. */
  readonly bodyStart: number;
  /** Index of the title line, or -1 when the title was taken from the notice. */
  readonly titleLine: number;
}

/** Lines a government web page wraps around a document. */
const FURNITURE =
  /^(?:[【[]?\s*(?:索引号|发布机构|发文机关|发文单位|主题分类|主题词|公文种类|体裁分类|组配分类|成文日期|发布日期|发文日期|印发日期|生效日期|废止日期|有效性|文号|发文字号|信息来源|来源|作者|浏览次数|访问量|点击数|阅读次数|字体|字号|分享到|打印|关闭|保存|收藏|当前位置|您当前的位置|首页|责任编辑|扫一扫|相关链接|附件下载|【打印|视力保护色|解读)[\s:：】\]]|[【[]?\s*(?:打印本页|关闭窗口|打印|关闭|分享|收藏|返回顶部|字体\s*[大中小])|.{0,8}[大中小]\s+[大中小]\s+[大中小])/u;

/** `XX文件` / `X发〔2023〕3号` / `(此件主动公开)`: the document's letterhead, not its content. */
const LETTERHEAD =
  /(?:文件$|^[\u4e00-\u9fff]{1,10}[〔[(]\d{4}[〕\])]\s*\d+\s*号$|^[(]?此件.{0,8}[)]?$|^[(]?(?:公开方式|主动公开|依申请公开))/u;

const NOTICE = /关于.{2,}的?(?:通知|决定|意见|批复|函)$/u;

const DATE_CN = '[〇零○一二三四五六七八九]';
const DATE_RE = new RegExp(
  `(\\d{4}|${DATE_CN}{4})\\s*年\\s*(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*月\\s*(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*日`,
  'u',
);

/** `2007年6月19日` or `二〇〇七年六月十九日` as an ISO date. */
export function isoDate(sh: string): string | null {
  const m = DATE_RE.exec(sh);
  if (!m) return null;
  const yearText = m[1] as string;
  const year = /^\d+$/u.test(yearText)
    ? Number(yearText)
    : Number([...yearText].map((c) => (c === '〇' || c === '零' || c === '○' ? 0 : cnOrdinal(c))).join(''));
  const month = cnOrdinal(m[2] as string);
  const day = cnOrdinal(m[3] as string);
  if (!year || !month || !day || month > 12 || day > 31) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const DATE_LINE = new RegExp(`^[(]?${DATE_RE.source}[)]?$`, 'u');

/** Where one issuing body ends and the next begins when they are printed without a separator. */
const ISSUER_END = /(?:办公室|委员会|办事处|人民政府|政府|工作委员会|党工委|党委|局|厅|部|委)$/u;
const ISSUER_START = /^(?:中共|中国共产党|[\u4e00-\u9fff]{2,4}(?:省|市|区|县|州|旗|镇|乡|街道))/u;

/** Split `中共X区委办公室X区人民政府办公室` into its issuers. */
export function splitIssuers(orig: string, sh: string): string[] {
  const out: string[] = [];
  for (const m of sh.matchAll(/[^\s、,;，；]+/gu)) {
    const start = m.index ?? 0;
    const part = m[0];
    let from = 0;
    for (let i = 2; i < part.length - 2; i++) {
      const left = part.slice(from, i);
      const right = part.slice(i);
      // X区人民政府江湾街道办事处 is one body: a street office or town under the government.
      const subUnit = /政府$/u.test(left) && /^[\u4e00-\u9fff]{2,4}(?:街道|镇|乡)/u.test(right);
      if (ISSUER_END.test(left) && ISSUER_START.test(right) && !/^(?:办|局)/u.test(right) && !subUnit) {
        out.push(orig.slice(start + from, start + i));
        from = i;
      }
    }
    out.push(orig.slice(start + from, start + part.length));
  }
  return out.filter((s) => s.length >= 2);
}

function stripQuotes(sh: string): string {
  return sh.replace(/[《》“”"'‘’<>\s]/gu, '').replace(/[。.:]+$/u, '');
}

/** A line that can be a plan's title: short, no sentence stop, not a heading. */
function titleLike(l: Line): boolean {
  const t = l.sh.trim();
  return (
    t.length >= 4 &&
    t.length <= 80 &&
    !/[。;]/u.test(t) &&
    !/[:]$/u.test(t) &&
    headingOf(t) === null &&
    !DATE_LINE.test(t) &&
    !FURNITURE.test(t) &&
    !LETTERHEAD.test(t)
  );
}

const PLAN_WORDS = /(?:要点|方案|计划|安排|清单|任务|分工|意见|规划|措施|责任书|目标)$/u;

/** Read the front matter of a document given as lines. */
export function readFrontMatter(lines: readonly Line[]): FrontMatter {
  const firstHeading = lines.findIndex((l) => {
    const h = headingOf(l.sh);
    return h !== null && (h.style === 'cn' || h.style === 'part');
  });
  const searchEnd = firstHeading < 0 ? lines.length : firstHeading;

  const noticeAt = lines.findIndex((l, i) => {
    const t = l.sh.trim().replace(/[。.]$/u, '');
    return i < Math.max(searchEnd, 60) && t.length <= 160 && NOTICE.test(t) && !FURNITURE.test(t);
  });
  const noticeLine = noticeAt >= 0 ? (lines[noticeAt] as Line) : null;
  const notice = noticeLine ? noticeLine.orig.trim().replace(/[。.]$/u, '') : null;

  let issuers: string[] = [];
  let namedTitle: string | null = null;
  if (noticeLine) {
    const t = noticeLine.orig.trim();
    const sh = noticeLine.sh.trim();
    const at = sh.indexOf('关于');
    if (at > 0) issuers = splitIssuers(t.slice(0, at), sh.slice(0, at));
    const named = /关于(?:印发|转发|下发|发布|公布)?(.+?)的?(?:通知|决定|意见|批复|函)[。.]?$/u.exec(sh);
    if (named) namedTitle = stripQuotes(named[1] as string);
  }
  if (issuers.length === 0) {
    const head = lines.slice(0, noticeAt >= 0 ? noticeAt : searchEnd).find((l) => /文件$/u.test(l.sh.trim()));
    if (head) {
      const t = head.sh.trim().replace(/文件$/u, '');
      issuers = splitIssuers(head.orig.trim().slice(0, t.length), t);
    }
  }

  // The plan's own title: the line the notice names, else the first title-like line after it.
  const from = noticeAt + 1;
  let titleLine = -1;
  if (namedTitle) {
    const wanted = namedTitle;
    titleLine = lines.findIndex((l, i) => i >= from && stripQuotes(l.sh) === wanted);
  }
  if (titleLine < 0) {
    for (let i = from; i < searchEnd; i++) {
      const l = lines[i] as Line;
      if (!titleLike(l)) continue;
      if (noticeLine && !PLAN_WORDS.test(stripQuotes(l.sh))) continue;
      titleLine = i;
      break;
    }
  }
  let title = '';
  let bodyStart = 0;
  if (titleLine >= 0) {
    title = (lines[titleLine] as Line).orig.trim();
    bodyStart = titleLine + 1;
  } else {
    title = namedTitle ?? '';
    bodyStart = firstHeading >= 0 ? firstHeading : from;
  }

  // The date: a date standing alone between the notice and the title, else any in the head.
  const headEnd = titleLine >= 0 ? titleLine : bodyStart;
  let date: string | null = null;
  for (let i = Math.max(0, noticeAt); i < Math.max(headEnd, noticeAt + 1) && date === null; i++) {
    const t = (lines[i] as Line).sh.trim();
    if (DATE_LINE.test(t)) date = isoDate(t);
  }
  for (let i = 0; i < headEnd && date === null; i++) {
    const t = (lines[i] as Line).sh;
    if (!FURNITURE.test(t.trim())) date = isoDate(t);
  }
  // Date lines right under the title: `(2007年6月19日区委常委会议通过)`.
  for (let i = bodyStart; i < Math.min(bodyStart + 2, lines.length) && date === null; i++) {
    const t = (lines[i] as Line).sh.trim();
    if (/^[(]/u.test(t)) date = isoDate(t);
  }

  return { notice, title, issuers, date, bodyStart, titleLine };
}

/** Whether a line is page furniture or letterhead, never content. */
export function isFurniture(sh: string): boolean {
  const t = sh.trim();
  return FURNITURE.test(t) || LETTERHEAD.test(t);
}

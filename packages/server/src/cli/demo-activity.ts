import { addDays, chinaDate, fixedClock, isWorkingDay, owedPeriods, owesReport, periodsOf } from '@duban/core';
import { type Insertable, type Kysely, sql } from 'kysely';
import { newId } from '../db/ids.ts';
import type { Database, Role } from '../db/schema.ts';
import type { PROBLEM_CATEGORIES, PROBLEM_SOURCES } from '../db/tables/ledgers.ts';
import type {
  ReportAction,
  ReportEventTable,
  ReportFigureTable,
  ReportProgress,
  ReportTable,
} from '../db/tables/reports.ts';
import { playMilestones } from '../demo/milestones.ts';
import { createEntry, type LedgerKind } from '../modules/ledgers/ledgers.service.ts';
import { createOrder, type OrderStep, stepOrder, urgeOrder } from '../modules/ledgers/orders.service.ts';
import { createProblem, editProblem } from '../modules/ledgers/problems.service.ts';
import { createOffice } from '../modules/offices/offices.service.ts';
import { addTask } from '../modules/plans/plans.service.ts';
import { runDailyReminders } from '../modules/reminders/reminders.service.ts';
import type { Report, ReportFigure } from '../modules/reports/reports.repository.ts';
import { REVIEWED_FROM_ABOVE, reportToRow } from '../modules/reports/reports.repository.ts';
import { unitKind } from '../modules/reports/reports.service.ts';
import { importRoster } from '../modules/rosters/rosters.service.ts';
import { DEFAULT_SETTINGS } from '../modules/status/status.repository.ts';
import { createUser } from '../modules/users/users.service.ts';

/**
 * A year of activity on the example plan (罗湖区“基层基础年”活动2007年工作要点), so that every page of
 * the demo has something to show: accounts of a few offices, monthly reports, ledgers, problems,
 * supervision orders and reminders, all of 2007. A seeded generator makes it the same on every load.
 *
 * Written through the services wherever they take a past date as it is: offices, the community's
 * assignment, accounts, ledger entries, problems and orders (each step of its workflow) are
 * validated and audited as a user's would be. The services stamp rows with the current time, so the
 * story's 2007 times are put back on them right after; the audit log keeps the real time of loading. Reports are inserted directly: the reports service hands a report in "now" (which
 * decides whether it was late) and refuses periods whose lock date has passed, as all of 2007's
 * have. They get what the service would derive (due date, late flag, version, one event per change
 * with the report as it became) and their figures are checked against their targets' units here.
 */

/** The password of every demo account except the administrator's: the demo prints it. */
export const DEMO_PASSWORD = 'luohu-2007';
/** The day the daily reminder job is run for, as if on that morning. */
export const REMINDER_DAY = '2007-12-05';
const YEAR = 2007;
/** The last instant of the plan's year, China time: nothing of the story happens after it. */
const YEAR_END = new Date(Date.parse(`${YEAR}-12-31T23:59:59+08:00`)).toISOString();

export interface DemoAccount {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** The office's name; null for none. */
  readonly office: string | null;
}

/**
 * Reporters of a handful of offices (among them a community under 黄贝街道, whose reports 黄贝街道
 * reviews first), a leader and an inspector.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'zuzhibu', displayName: '何静(区委组织部)', role: 'reporter', office: '区委组织部' },
  { username: 'weisheng', displayName: '林晓(区卫生局)', role: 'reporter', office: '区卫生局' },
  { username: 'minzheng', displayName: '陈伟(区民政局)', role: 'reporter', office: '区民政局' },
  { username: 'huangbei', displayName: '马丽(黄贝街道办事处)', role: 'reporter', office: '黄贝街道办事处' },
  { username: 'huangbeiling', displayName: '张强(黄贝岭社区)', role: 'reporter', office: '黄贝岭社区' },
  { username: 'lingdao', displayName: '王建国(区委副书记)', role: 'leader', office: null },
  { username: 'ducha', displayName: '刘洋(区委督查室)', role: 'inspector', office: null },
];

export interface DemoActivity {
  readonly accounts: readonly DemoAccount[];
  readonly password: string;
  readonly reports: number;
  readonly ledgerEntries: number;
  readonly problems: number;
  readonly orders: number;
  readonly notifications: number;
}

// ---------------------------------------------------------------------------------------------
// Randomness and time

/** mulberry32: a small seeded generator, so that the demo is the same on every load. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    chance: (p: number): boolean => next() < p,
    int: (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}
type Rng = ReturnType<typeof generator>;

/** A stable number of a name (FNV-1a), for what stays the same for an office all year. */
function hashOf(name: string): number {
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return h;
}

/** A China-time moment `minutes` into a day, as the services store instants (ISO, UTC). */
function at(date: string, minutes: number): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + minutes * 60_000).toISOString();
}

/** A moment of office hours (9:00 to 17:30, China time) of a day. */
function officeHours(rng: Rng, date: string): string {
  return at(date, rng.int(9 * 60, 17 * 60 + 30));
}

const workingDays = new Map<string, boolean>();

/** isWorkingDay of core, remembered: the story asks about the same few hundred days many times. */
function isWorkday(date: string): boolean {
  let working = workingDays.get(date);
  if (working === undefined) {
    working = isWorkingDay(date);
    workingDays.set(date, working);
  }
  return working;
}

/** The `count`th working day after `date` (core's workingDaysAfter). */
function workingDaysAfter(date: string, count: number): string {
  let d = date;
  for (let n = 0; n < count; ) {
    d = addDays(d, 1);
    if (isWorkday(d)) n++;
  }
  return d;
}

/** A working day from `from` to `to` (both included); the first one after `from` when there is none. */
function workday(rng: Rng, from: string, to: string): string {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkday(d)) days.push(d);
  if (days.length > 0) return rng.pick(days);
  let d = from;
  while (!isWorkday(d)) d = addDays(d, 1);
  return d;
}

/** The month (1–12) of a date. */
const monthOf = (date: string): number => Number(date.slice(5, 7));
const monthKey = (month: number): string => `${YEAR}-M${String(month).padStart(2, '0')}`;

// ---------------------------------------------------------------------------------------------
// The story's cast and places

/** Communities the directory lacks (it stops at the streets), with their street. */
const COMMUNITIES: readonly (readonly [string, string])[] = [
  ['黄贝岭社区', '黄贝'],
  ['文华社区', '黄贝'],
  ['新秀社区', '黄贝'],
  ['湖贝社区', '东门'],
  ['渔邨社区', '南湖'],
  ['松园社区', '桂园'],
  ['仙湖社区', '莲塘'],
];
/**
 * The community that leads a task a leader assigned mid-year (领导交办). Not a task of the
 * document: none of them names a community (task 11 names 各街道办事处 and three departments).
 */
const LEAD_COMMUNITY = '黄贝岭社区';
/** The number addTask gives the assigned task: the next after the plan's 26. */
const COMMUNITY_TASK = '27';

interface LinkStory {
  readonly person: string;
  readonly title: string;
  readonly community: string;
  /** The leader's office; null for a district leader, whose visits the plan office records. */
  readonly office: string | null;
  /** 'quarter': district leaders (每季度不少于1次); 'two-months': heads of offices (每两个月). */
  readonly every: 'quarter' | 'two-months';
  /** Periods (1-based) without a visit. */
  readonly missed: readonly number[];
}

const LINKS: readonly LinkStory[] = [
  { person: '王建国', title: '区委副书记', community: '黄贝岭社区', office: null, every: 'quarter', missed: [] },
  { person: '李卫东', title: '副区长', community: '渔邨社区', office: null, every: 'quarter', missed: [] },
  {
    person: '陈志明',
    title: '区委常委、组织部部长',
    community: '湖贝社区',
    office: null,
    every: 'quarter',
    missed: [3],
  },
  { person: '刘芳', title: '区委常委、宣传部部长', community: '松园社区', office: null, every: 'quarter', missed: [2] },
  { person: '赵立新', title: '副区长', community: '仙湖社区', office: null, every: 'quarter', missed: [] },
  {
    person: '周敏',
    title: '区卫生局局长',
    community: '文华社区',
    office: '区卫生局',
    every: 'two-months',
    missed: [4],
  },
  {
    person: '孙建华',
    title: '区民政局局长',
    community: '新秀社区',
    office: '区民政局',
    every: 'two-months',
    missed: [],
  },
];

interface CadreStory {
  readonly cadre: string;
  readonly office: string;
  readonly community: string;
  /** ISO weeks of 2007 without a diary entry. */
  readonly missed: readonly number[];
}

/** Cadres stationed in a community (驻社区干部), who keep a diary every week. */
const CADRES: readonly CadreStory[] = [
  { cadre: '张丽', office: '区卫生局', community: '黄贝岭社区', missed: [] },
  { cadre: '黄俊', office: '区民政局', community: '渔邨社区', missed: [7, 19, 40] },
  { cadre: '吴涛', office: '黄贝街道办事处', community: '新秀社区', missed: [6, 27] },
  { cadre: '郑红', office: '区委组织部', community: '湖贝社区', missed: [31, 32, 33, 34, 35, 36, 45, 51] },
];

const DIARY_TEXTS: readonly string[] = [
  '走访{c}居民{n}户,重点了解老年人就医和子女入学情况,群众反映总体平稳。',
  '参加{c}居委会例会,协助梳理本月出租屋登记台账。',
  '随{c}工作站开展安全隐患排查,检查楼栋{n}栋,发现的问题已登记。',
  '接待来访居民{n}人次,主要反映停车难和环境卫生问题。',
  '入户走访低保户和困难家庭{n}户,了解生活物资需求。',
  '协助{c}开展流动人口计划生育服务,发放宣传资料{m}份。',
  '参加{c}党支部组织生活会,听取党员对社区工作的意见建议。',
  '与社康中心医生一起为{c}老人义诊,测量血压{m}人次。',
  '走访辖区商铺{n}家,宣传消防安全和食品安全知识。',
  '组织{c}义工开展环境清洁活动,清理卫生死角{n}处。',
  '调解居民楼上楼下漏水纠纷一宗,双方达成一致。',
  '了解{c}文体广场使用情况,居民希望增加夜间照明。',
  '整理本周民情记录,向社区工作站反馈群众诉求{n}条。',
  '陪同区领导走访{c},汇报驻社区工作进展。',
];

const VISIT_NOTES: readonly string[] = [
  '听取{c}工作站工作汇报,实地察看社区服务中心和文体广场。',
  '走访困难家庭和老党员,座谈了解社区建设和群众诉求。',
  '察看城中村环境整治和消防设施,要求限期整改发现的问题。',
  '召开社区党员、居民代表座谈会,研究解决群众反映的热点问题。',
  '检查固本强基项目建设进度,协调解决用地和资金问题。',
];

const STREET_MEETING_TOPICS: readonly string[] = [
  '驻(挂)社区工作例会',
  '驻社区干部月度工作交流会',
  '社区热点难点问题分析会',
  '驻(挂)社区工作推进会',
];

interface TrainingStory {
  readonly office: string;
  readonly date: string;
  readonly topic: string;
  readonly attendees: number;
}

const TRAININGS: readonly TrainingStory[] = [
  { office: '区委党校', date: '2007-03-21', topic: '社区党组织书记胜任力培训班', attendees: 86 },
  { office: '区委组织部', date: '2007-04-18', topic: '“两新”组织党务干部培训', attendees: 64 },
  { office: '区民政局', date: '2007-05-16', topic: '社区工作者社会工作专业知识培训', attendees: 120 },
  { office: '区城管局', date: '2007-06-13', topic: '街道综合执法人员业务培训(第一期)', attendees: 95 },
  { office: '黄贝街道办事处', date: '2007-06-27', topic: '社区干部依法行政培训', attendees: 48 },
  { office: '东门街道办事处', date: '2007-07-11', topic: '社区工作站人员业务轮训', attendees: 52 },
  { office: '南湖街道办事处', date: '2007-08-22', topic: '社区干部群众工作方法培训', attendees: 45 },
  { office: '区委党校', date: '2007-09-12', topic: '学习贯彻党的十七大精神专题培训', attendees: 150 },
  { office: '区城管局', date: '2007-09-26', topic: '街道综合执法人员业务培训(第二期)', attendees: 88 },
  { office: '莲塘街道办事处', date: '2007-10-17', topic: '社区干部矛盾纠纷调处培训', attendees: 40 },
  { office: '桂园街道办事处', date: '2007-10-24', topic: '社区干部信息化应用培训', attendees: 38 },
  { office: '翠竹街道办事处', date: '2007-11-07', topic: '社区工作站人员业务轮训', attendees: 41 },
  { office: '区委党校', date: '2007-11-21', topic: '基层干部社会建设理论培训班', attendees: 92 },
];

/** Streets that skipped their monthly meeting of the community work, by month. */
const STREET_MEETINGS_MISSED: Readonly<Record<string, readonly number[]>> = {
  东晓: [2, 8],
  笋岗: [5],
  清水河: [10],
};

type Category = (typeof PROBLEM_CATEGORIES)[number];
type Source = (typeof PROBLEM_SOURCES)[number];

interface ProblemStory {
  readonly date: string;
  readonly title: string;
  readonly description: string;
  readonly category: Category;
  readonly place: string;
  readonly owner: string;
  readonly source: Source;
  /** For a visit or a diary: the person or cadre whose entry raised it (their latest by the date). */
  readonly by?: string;
  /** Taken in hand on this day (in progress). */
  readonly handling?: string;
  /** Solved on this day (closed). */
  readonly closed?: string;
}

const PROBLEMS: readonly ProblemStory[] = [
  {
    date: '2007-01-19',
    title: '黄贝岭村消防通道被占',
    description: '村内两条主要消防通道被杂物和违停车辆长期占用,消防车无法通行。',
    category: 'safety-hazard',
    place: '黄贝岭社区',
    owner: '黄贝街道办事处',
    source: 'visit',
    by: '王建国',
  },
  {
    date: '2007-01-25',
    title: '湖贝旧村出租屋租金纠纷',
    description: '十余户租户反映房东临时上调租金并断水断电。',
    category: 'dispute',
    place: '湖贝社区',
    owner: '东门街道办事处',
    source: 'hotline',
    handling: '2007-01-29',
    closed: '2007-02-12',
  },
  {
    date: '2007-02-08',
    title: '黄贝岭社区老年居民慢病随访不及时',
    description: '社康中心人手不足,高血压、糖尿病老人随访间隔超过三个月。',
    category: 'livelihood',
    place: '黄贝岭社区',
    owner: '区卫生局',
    source: 'diary',
    by: '张丽',
    handling: '2007-02-14',
    closed: '2007-03-20',
  },
  {
    date: '2007-02-27',
    title: '渔邨社区燃气管道老化',
    description: '部分楼栋燃气立管锈蚀严重,存在泄漏风险。',
    category: 'safety-hazard',
    place: '渔邨社区',
    owner: '南湖街道办事处',
    source: 'inspection',
    handling: '2007-03-05',
    closed: '2007-04-18',
  },
  {
    date: '2007-03-14',
    title: '渔邨社区低保申请审核周期长',
    description: '居民反映低保申请从受理到审批需两个多月。',
    category: 'livelihood',
    place: '渔邨社区',
    owner: '区民政局',
    source: 'visit',
    by: '李卫东',
    handling: '2007-03-19',
    closed: '2007-05-10',
  },
  {
    date: '2007-03-29',
    title: '东门步行街夜间占道经营',
    description: '晚间流动摊贩占用消防通道和盲道。',
    category: 'other',
    place: '东门步行街',
    owner: '区城管局',
    source: 'hotline',
    handling: '2007-04-02',
    closed: '2007-04-25',
  },
  {
    date: '2007-04-12',
    title: '渔邨社区邻里噪音纠纷',
    description: '一楼商铺夜间经营噪音扰民,楼上住户多次投诉。',
    category: 'dispute',
    place: '渔邨社区',
    owner: '南湖街道办事处',
    source: 'diary',
    by: '黄俊',
    handling: '2007-04-16',
    closed: '2007-04-30',
  },
  {
    date: '2007-04-26',
    title: '零就业家庭岗位补贴发放滞后',
    description: '一季度公益性岗位补贴延迟一个月发放。',
    category: 'livelihood',
    place: '全区',
    owner: '区劳动局',
    source: 'report',
    handling: '2007-04-27',
    closed: '2007-06-15',
  },
  {
    date: '2007-05-16',
    title: '湖贝社区老旧楼宇外墙脱落',
    description: '两栋八十年代住宅外墙瓷砖脱落,威胁行人安全。',
    category: 'safety-hazard',
    place: '湖贝社区',
    owner: '东门街道办事处',
    source: 'visit',
    by: '陈志明',
    handling: '2007-05-18',
    closed: '2007-07-06',
  },
  {
    date: '2007-05-30',
    title: '仙湖社区物业公司与业主委员会纠纷',
    description: '物业服务合同到期续签争议,业主拒交物业费,小区保洁停摆。',
    category: 'dispute',
    place: '仙湖社区',
    owner: '莲塘街道办事处',
    source: 'hotline',
    handling: '2007-06-04',
    closed: '2007-11-23',
  },
  {
    date: '2007-06-20',
    title: '新秀社区公共厕所不足',
    description: '新秀村一带仅有一座公厕,早晚高峰排队严重。',
    category: 'livelihood',
    place: '新秀社区',
    owner: '黄贝街道办事处',
    source: 'diary',
    by: '吴涛',
    handling: '2007-06-25',
    closed: '2007-08-22',
  },
  {
    date: '2007-07-09',
    title: '清水河片区仓库违规住人',
    description: '检查发现三处仓库内设员工宿舍,消防设施缺失。',
    category: 'safety-hazard',
    place: '清水河街道',
    owner: '区安全生产监督管理局',
    source: 'inspection',
    handling: '2007-07-10',
    closed: '2007-08-03',
  },
  {
    date: '2007-07-23',
    title: '松园社区文体广场设施损坏',
    description: '健身路径器材多处损坏,篮球架倾斜。',
    category: 'other',
    place: '松园社区',
    owner: '桂园街道办事处',
    source: 'visit',
    by: '刘芳',
    handling: '2007-07-27',
    closed: '2007-09-14',
  },
  {
    date: '2007-08-13',
    title: '罗芳村出租屋租户群体欠薪纠纷',
    description: '一家制衣厂拖欠四十余名工人两个月工资,工人聚集讨薪。',
    category: 'dispute',
    place: '罗芳村',
    owner: '黄贝街道办事处',
    source: 'hotline',
  },
  {
    date: '2007-08-29',
    title: '湖贝社区流动党员组织关系接转难',
    description: '外来务工党员反映组织关系转入手续繁琐,长期游离于组织之外。',
    category: 'livelihood',
    place: '湖贝社区',
    owner: '东门街道办事处',
    source: 'diary',
    by: '郑红',
    handling: '2007-09-03',
    closed: '2007-10-12',
  },
  {
    date: '2007-09-11',
    title: '新秀社区独居老人居家养老服务跟不上',
    description: '社区独居老人六十余人,居家养老服务点仅两名护理员。',
    category: 'livelihood',
    place: '新秀社区',
    owner: '区民政局',
    source: 'visit',
    by: '孙建华',
  },
  {
    date: '2007-09-26',
    title: '文华社区社康中心候诊区拥挤、消防通道不畅',
    description: '候诊区面积不足,消防通道堆放药品纸箱。',
    category: 'safety-hazard',
    place: '文华社区',
    owner: '区卫生局',
    source: 'inspection',
  },
  {
    date: '2007-10-17',
    title: '翠竹社区老旧住宅二次供水水质差',
    description: '居民反映水箱多年未清洗,自来水发黄。',
    category: 'livelihood',
    place: '翠竹街道',
    owner: '翠竹街道办事处',
    source: 'hotline',
    handling: '2007-10-22',
    closed: '2007-12-10',
  },
  {
    date: '2007-10-30',
    title: '仙湖社区山体边坡存在滑坡隐患',
    description: '雨季后边坡出现裂缝,坡下有居民楼两栋。',
    category: 'safety-hazard',
    place: '仙湖社区',
    owner: '莲塘街道办事处',
    source: 'visit',
    by: '赵立新',
    handling: '2007-11-02',
    closed: '2007-12-18',
  },
  {
    date: '2007-11-15',
    title: '黄贝岭社区停车位分配纠纷',
    description: '新划定停车位的分配方案引起部分居民不满。',
    category: 'dispute',
    place: '黄贝岭社区',
    owner: '黄贝街道办事处',
    source: 'diary',
    by: '张丽',
    handling: '2007-11-20',
    closed: '2007-12-21',
  },
  {
    date: '2007-11-28',
    title: '东门片区新增违法搭建',
    description: '巡查发现三处楼顶新增违法搭建。',
    category: 'other',
    place: '东门街道',
    owner: '东门街道办事处',
    source: 'inspection',
  },
  {
    date: '2007-12-12',
    title: '社康中心冬季流感疫苗供应不足',
    description: '多家社康中心流感疫苗预约排期超过两周。',
    category: 'livelihood',
    place: '全区',
    owner: '区卫生局',
    source: 'hotline',
  },
  {
    date: '2007-12-20',
    title: '渔邨社区困难家庭冬季慰问名单待核实',
    description: '慰问名单与低保台账不一致,需逐户核实。',
    category: 'livelihood',
    place: '渔邨社区',
    owner: '南湖街道办事处',
    source: 'diary',
    by: '黄俊',
  },
  {
    date: '2007-03-07',
    title: '东湖社区公交站点设置不合理',
    description: '居民反映最近的公交站需步行二十分钟,老人出行不便。',
    category: 'livelihood',
    place: '东湖街道',
    owner: '东湖街道办事处',
    source: 'hotline',
    handling: '2007-03-12',
    closed: '2007-04-20',
  },
  {
    date: '2007-06-08',
    title: '黄贝岭社区文化室场地被挪用',
    description: '社区文化室被临时用作仓库,居民文体活动无处开展。',
    category: 'other',
    place: '黄贝岭社区',
    owner: '黄贝街道办事处',
    source: 'visit',
    by: '王建国',
    handling: '2007-06-11',
    closed: '2007-07-13',
  },
  {
    date: '2007-09-04',
    title: '东门老街广告牌松动',
    description: '台风过后多块户外广告牌松动,存在坠落危险。',
    category: 'safety-hazard',
    place: '东门老街',
    owner: '区城管局',
    source: 'inspection',
    handling: '2007-09-05',
    closed: '2007-09-20',
  },
  {
    date: '2007-10-09',
    title: '新秀村宅基地边界纠纷',
    description: '两户村民因宅基地边界发生争执,多次报警。',
    category: 'dispute',
    place: '新秀社区',
    owner: '黄贝街道办事处',
    source: 'diary',
    by: '吴涛',
    handling: '2007-10-11',
    closed: '2007-11-26',
  },
  {
    date: '2007-11-06',
    title: '残疾人两项补贴申领材料繁琐',
    description: '申领需提交的证明材料多达七项,残疾人往返奔波。',
    category: 'livelihood',
    place: '全区',
    owner: '区民政局',
    source: 'hotline',
    handling: '2007-11-08',
    closed: '2007-12-19',
  },
];

type StepName = OrderStep | 'urge';

interface OrderStory {
  readonly problem: string;
  readonly task?: string;
  readonly lead: string;
  readonly support: readonly string[];
  readonly deadline: string;
  readonly drafted: { readonly day: string; readonly comment: string };
  readonly steps: readonly {
    readonly day: string;
    readonly step: StepName;
    readonly by: string;
    readonly comment?: string;
  }[];
}

/** Supervision orders, one in each of several states; usernames of DEMO_ACCOUNTS ('admin' too). */
const ORDERS: readonly OrderStory[] = [
  {
    // Closed and verified.
    problem: '黄贝岭村消防通道被占',
    lead: '黄贝街道办事处',
    support: ['区城管局'],
    deadline: '2007-03-15',
    drafted: { day: '2007-01-22', comment: '请黄贝街道牵头,区城管局配合,3月15日前打通消防通道。' },
    steps: [
      { day: '2007-01-23', step: 'approve', by: 'lingdao', comment: '同意,抓紧落实。' },
      { day: '2007-01-24', step: 'issue', by: 'ducha' },
      { day: '2007-01-25', step: 'sign', by: 'huangbei' },
      { day: '2007-02-16', step: 'feedback', by: 'huangbei', comment: '已清理占道杂物12处,设置禁停标识8块。' },
      {
        day: '2007-03-08',
        step: 'rectify',
        by: 'huangbei',
        comment: '两条消防通道全部打通,已建立每周巡查制度。',
      },
      { day: '2007-03-12', step: 'verify', by: 'ducha', comment: '现场核查属实,消防车可正常通行。' },
      { day: '2007-03-13', step: 'close', by: 'ducha' },
    ],
  },
  {
    // Overdue, urged twice, on a plan task: the task is late.
    problem: '罗芳村出租屋租户群体欠薪纠纷',
    task: '22',
    lead: '黄贝街道办事处',
    support: ['区劳动局', '区司法局'],
    deadline: '2007-11-15',
    drafted: { day: '2007-08-20', comment: '涉及群体利益,请黄贝街道牵头依法妥善处置,11月15日前办结。' },
    steps: [
      { day: '2007-08-21', step: 'approve', by: 'lingdao' },
      { day: '2007-08-22', step: 'issue', by: 'ducha' },
      { day: '2007-08-24', step: 'sign', by: 'huangbei' },
      { day: '2007-11-19', step: 'urge', by: 'lingdao', comment: '已超期,请加快处置并报告进展。' },
      { day: '2007-12-03', step: 'urge', by: 'ducha', comment: '超期半月,请街道主要领导亲自过问。' },
    ],
  },
  {
    // In handling, on a plan task: the task is at risk until it closes.
    problem: '新秀社区独居老人居家养老服务跟不上',
    task: '10',
    lead: '区民政局',
    support: ['黄贝街道办事处'],
    deadline: '2008-01-31',
    drafted: { day: '2007-09-18', comment: '请区民政局牵头,年底前充实居家养老服务力量。' },
    steps: [
      { day: '2007-09-19', step: 'approve', by: 'lingdao' },
      { day: '2007-09-20', step: 'issue', by: 'ducha' },
      { day: '2007-09-21', step: 'sign', by: 'minzheng' },
      { day: '2007-10-26', step: 'feedback', by: 'minzheng', comment: '已招募护理员6名,正在岗前培训。' },
      { day: '2007-12-07', step: 'feedback', by: 'minzheng', comment: '新增居家养老服务点1个,覆盖独居老人42名。' },
    ],
  },
  {
    // Rectified, waiting for the inspector's verification.
    problem: '文华社区社康中心候诊区拥挤、消防通道不畅',
    lead: '区卫生局',
    support: [],
    deadline: '2007-12-20',
    drafted: { day: '2007-10-08', comment: '请区卫生局于12月20日前完成整改。' },
    steps: [
      { day: '2007-10-09', step: 'approve', by: 'lingdao' },
      { day: '2007-10-10', step: 'issue', by: 'ducha' },
      { day: '2007-10-11', step: 'sign', by: 'weisheng' },
      { day: '2007-11-05', step: 'feedback', by: 'weisheng', comment: '已清理消防通道,候诊区扩建方案已报批。' },
      { day: '2007-12-14', step: 'rectify', by: 'weisheng', comment: '候诊区扩建完成,新增座位40个。' },
    ],
  },
  {
    // Drafted, waiting for a leader's approval.
    problem: '东门片区新增违法搭建',
    lead: '东门街道办事处',
    support: ['区城管局'],
    deadline: '2008-01-20',
    drafted: { day: '2007-12-03', comment: '请东门街道会同区城管局依法拆除,严防新增。' },
    steps: [],
  },
];

/** Reports an office never handed in: task number → office → months. */
const MISSING: Readonly<Record<string, Readonly<Record<string, readonly number[]>>>> = {
  '5': { 区审计局: [9, 10], 区科技局: [11] },
  '20': { 区法制办: [9, 10] },
  '26': { 区委宣传部: [7] },
};
/** Reports written and never handed in. */
const DRAFTS: Readonly<Record<string, Readonly<Record<string, readonly number[]>>>> = {
  '20': { 区法制办: [11] },
};
/** Reports the plan office returned in December and their offices have not handed in again. */
const RETURNED: Readonly<Record<string, Readonly<Record<string, { month: number; comment: string }>>>> = {
  '9': { 罗湖社保分局: { month: 11, comment: '工伤保险覆盖面数据与市社保局通报口径不一致,请核实后重新报送。' } },
  '14': { 区卫生局: { month: 11, comment: '请补充生猪肉品、豆制品专项整治的抽检批次和合格率。' } },
};

/** The day the plan office returned them. */
const RETURNED_ON = '2007-12-03';

/** Offices that often hand their reports in late: their share handed in on time. */
const PUNCTUALITY: Readonly<Record<string, number>> = {
  区法制办: 0.65,
  罗湖质监分局: 0.7,
  区城管局: 0.78,
  区审计局: 0.8,
  东晓街道办事处: 0.8,
  笋岗街道党工委: 0.85,
};
const USUAL_PUNCTUALITY = 0.96;

/** Good practices (好经验好做法) offered with a report: task → office → month and summary. */
const GOOD_PRACTICES: Readonly<Record<string, Readonly<Record<string, { month: number; summary: string }>>>> = {
  '1': {
    黄贝街道党工委: { month: 5, summary: '在“同乡村”建立流动党员党支部,以同乡管同乡,已覆盖流动党员230名。' },
  },
  '4': {
    区委基层办: { month: 6, summary: '驻社区干部民情日记月度点评,每月评选优秀日记在《基层简报》刊发。' },
  },
  '10': {
    区民政局: { month: 8, summary: '慈善超市引入社区义工轮值,运营成本下降三成,受助困难家庭增加120户。' },
  },
  [COMMUNITY_TASK]: {
    黄贝岭社区: { month: 7, summary: '社区图书室开辟“四点半作业室”,暑期接待学生1800人次,解决双职工家长后顾之忧。' },
  },
  '13': {
    区卫生局: { month: 9, summary: '社康中心与区人民医院建立双向转诊绿色通道,转诊等候时间缩短一半。' },
  },
  '19': {
    南湖街道办事处: { month: 6, summary: '出租屋“院区围合式”管理试点,入住人员信息采集率达98%。' },
  },
  '21': {
    罗湖公安分局: { month: 10, summary: '“网格化”布警后,“两抢”“两盗”案件同比下降18%。' },
  },
  '22': {
    区应急指挥中心: { month: 9, summary: '《直通车》开门接访与社区法律工作站联动,当场化解矛盾纠纷46宗。' },
  },
};

const REPORT_ACTIONS: readonly string[] = [
  '召开专题会议研究部署',
  '制定月度工作计划并分解落实到人',
  '深入社区和基层单位督促检查',
  '会同相关单位开展联合行动',
  '梳理问题清单并逐项跟进',
  '组织业务骨干开展调研',
];
const REPORT_OUTCOMES: readonly string[] = [
  '各项工作按计划推进。',
  '阶段性任务已完成,相关台账资料已归档。',
  '总体进展顺利,下月将继续加大推进力度。',
  '部分社区人手紧张,已协调街道统筹解决。',
  '已向区委基层办报送工作简报一期。',
];
const BLOCKED_OUTCOME = '受场地和经费制约,进度滞后于计划,已报请区领导协调解决。';
const RETURN_COMMENTS: readonly string[] = [
  '进展描述过于笼统,请补充本月具体完成的工作量。',
  '未附佐证材料,请补充会议纪要或现场照片后重新报送。',
  '请补充存在的问题及下一步工作计划。',
];

// ---------------------------------------------------------------------------------------------
// Figures: what each task's offices report against its targets

/** A figure as an office hands it in, for the target at `target` (its position in the task). */
interface FigureSpec {
  readonly target: number;
  readonly value?: number;
  readonly numerator?: number;
  readonly denominator?: number;
  /** A running total since 1 January (counts), rather than the month's own amount. */
  readonly cumulative?: boolean;
}

/** A share rising in a straight line from `from` in January to `to` in `byMonth`, then holding. */
function share(month: number, from: number, to: number, byMonth: number): number {
  return from + ((to - from) * Math.min(month - 1, byMonth - 1)) / Math.max(1, byMonth - 1);
}

/** `part` of `whole` as a numerator over a denominator, the numerator a whole number. */
function fraction(target: number, whole: number, part: number): FigureSpec {
  return { target, numerator: Math.min(whole, Math.round(part * whole)), denominator: whole };
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const isStreet = (office: string): boolean => office.endsWith('街道办事处');
const isStreetCommittee = (office: string): boolean => office.endsWith('街道党工委');

/**
 * Each task's figures by office and month. Shares come as numerator/denominator where offices
 * count (enterprises, communities, schools, incidents), else as bare percentages; counts as running
 * totals from one office, so that offices' figures add up as the status adds them. Left out:
 * targets counted from the ledgers (frequency), changes on last year, and per-person averages.
 */
const FIGURES: Readonly<Record<string, (office: string, month: number) => FigureSpec[]>> = {
  // 90% of the larger private enterprises with a party organisation before the 17th congress.
  '1': (office, m) =>
    isStreetCommittee(office) || office === '区民营工委'
      ? [fraction(0, 18 + (hashOf(office) % 40), share(m, 0.62, 0.95, 9))]
      : [],
  // Documents issued and meetings held, a running level against last year's 760 (减少15%: met).
  '5': (office, m) => (office === '区委(政府)办' ? [{ target: 0, value: 52 * m, cumulative: true }] : []),
  // Communities with 900 m² of service rooms (short of 70%), 1000 m² squares, birth-culture centres.
  // 区民政局: funds applied for so far (万元) against last year's 3400 (有一定的增长: met).
  '7': (office, m) => {
    if (office === '区民政局') return [{ target: 0, value: 310 * m, cumulative: true }];
    if (!isStreet(office)) return [];
    const communities = 8 + (hashOf(office) % 7);
    return [
      fraction(1, communities, share(m, 0.45, 0.62, 12)),
      fraction(2, communities, share(m, 0.7, 0.86, 11)),
      fraction(3, communities, share(m, 0.18, 0.36, 12)),
    ];
  },
  '8': (office, m) =>
    office === '区劳动局'
      ? [
          { target: 0, value: round1(2.9 - 0.05 * (m - 1)) },
          { target: 1, numerator: m < 4 ? 290 + 90 * m : 300 + 90 * m, denominator: 300 + 90 * m },
          { target: 2, value: m < 3 ? 97.5 : 100 },
          { target: 3, value: 100 },
          { target: 4, numerator: 20 + 2 * m, denominator: 20 + 2 * m },
          { target: 5, value: 100 },
          fraction(6, 115, (40 + Math.round(1.6 * m)) / 115),
        ]
      : [],
  '9': (office, m) =>
    office === '罗湖社保分局'
      ? [
          { target: 0, value: round1(93.2 + 0.35 * (m - 1)) },
          { target: 1, value: round1(91 + 0.47 * (m - 1)) },
          { target: 2, value: Math.min(100, round1(98.6 + 0.13 * (m - 1))) },
          { target: 3, value: round1(95.1 + 0.2 * (m - 1)) },
        ]
      : [],
  // Private schools inspected, of 41.
  '12': (office, m) => (office === '区教育局' ? [fraction(0, 41, Math.min(1, m / 10))] : []),
  // New community health centres, a running total reaching 12 in November.
  '13': (office, m) =>
    office === '区卫生局'
      ? [{ target: 0, value: [0, 1, 1, 2, 3, 4, 6, 7, 8, 10, 12, 12][m - 1] ?? 0, cumulative: true }]
      : [],
  // Sports instructors of the second (67) and third grade (1020, not reached).
  // A street's people tested, against 600 each: the streets without a demo account report none,
  // so the target reads "1 / 10 达标" (see demo-targets.ts).
  '15': (office, m) =>
    isStreet(office)
      ? [{ target: 0, value: Math.round(640 * Math.min(1, m / 10)), cumulative: true }]
      : office === '区体育局'
        ? [
            { target: 1, value: Math.round(71 * Math.min(1, m / 10)), cumulative: true },
            { target: 2, value: Math.round((990 * m) / 12), cumulative: true },
          ]
        : [],
  // No new illegal building in any street (each street's month), 2–3 model communities.
  '16': (office, m) => {
    if (isStreet(office)) return [{ target: 0, value: 0 }];
    if (office === '区民政局') return [{ target: 1, value: Math.min(2, Math.floor(m / 5)), cumulative: true }];
    return [];
  },
  // Communities with a volunteer network, of 115.
  '18': (office, m) => (office === '区民政局' ? [fraction(0, 115, Math.min(1, (96 + 2 * m) / 115))] : []),
  // Training rounds of the street law-enforcement staff.
  '20': (office, m) =>
    office === '区城管局' ? [{ target: 0, value: m < 6 ? 0 : m < 9 ? 1 : 2, cumulative: true }] : [],
  // Police on the front line; serious violent crimes (fewer than last year's 268: met) and
  // robberies and thefts (more than last year's 1090: missed), as running counts of cases.
  '21': (office, m) =>
    office === '罗湖公安分局'
      ? [
          { target: 0, value: round1(88.5 + 0.25 * (m - 1)) },
          { target: 1, value: 21 * m, cumulative: true },
          { target: 2, value: 95 * m, cumulative: true },
        ]
      : [],
  // Group incidents warned of and handled, all of them.
  '22': (office, m) => {
    if (office !== '区应急指挥中心') return [];
    const incidents = 1 + Math.floor(m * 0.6);
    return [
      { target: 0, numerator: incidents, denominator: incidents },
      { target: 1, numerator: m === 8 ? incidents - 1 : incidents, denominator: incidents },
    ];
  },
  // Enterprises in the safety grading, of 20 (18 by December).
  '23': (office, m) =>
    office === '区安全生产监督管理局' ? [{ target: 0, value: Math.round((18 * m) / 12), cumulative: true }] : [],
};

/** Tasks done by these months (progress 'done'), stalled (blocked), not begun in January. */
const DONE_FROM: Readonly<Record<string, number>> = { '12': 10, '13': 11, '18': 10 };
const BLOCKED_FROM: Readonly<Record<string, number>> = { '15': 10 };
const LATE_START = new Set(['17', '18', '20']);

interface TargetRef {
  readonly id: string;
  readonly unit: string;
  readonly text: string;
  readonly kind: string;
}

/** A figure checked as the reports service checks one against its target's unit. */
function toFigure(target: TargetRef, spec: FigureSpec): ReportFigure {
  // A change target's figure is a level compared with its baseline, as the service takes it.
  const kind = target.kind === 'change' ? 'measure' : unitKind(target.unit);
  const fail = (why: string): never => {
    throw new Error(`demo figure for "${target.text}": ${why}`);
  };
  if (spec.numerator !== undefined || spec.denominator !== undefined) {
    const n = spec.numerator ?? fail('a numerator without a denominator');
    const d = spec.denominator ?? fail('a denominator without a numerator');
    if (kind !== 'percent') fail(`a fraction for a unit of ${target.unit}`);
    if (!(d > 0) || n < 0 || n > d) fail(`${n}/${d} is no share`);
    return {
      id: newId(),
      targetId: target.id,
      value: (n / d) * 100,
      numerator: n,
      denominator: d,
      cumulative: spec.cumulative ?? false,
    };
  }
  const value = spec.value ?? fail('no value');
  if (kind === 'percent' && (value < 0 || value > 100)) fail(`${value} is no percentage`);
  if (kind === 'count' && (!Number.isInteger(value) || value < 0)) fail(`${value} is no count`);
  return {
    id: newId(),
    targetId: target.id,
    value,
    numerator: null,
    denominator: null,
    cumulative: spec.cumulative ?? false,
  };
}

// ---------------------------------------------------------------------------------------------
// Loading

type Actor = { readonly id: string; readonly role: Role; readonly officeId: string | null };

interface Story {
  readonly db: Kysely<Database>;
  readonly rng: Rng;
  readonly planId: string;
  readonly admin: Actor;
  /** An office's id by name. */
  readonly office: (name: string) => string;
  /** A demo account (or 'admin') as the services take an actor. */
  readonly user: (username: string) => Actor;
  /** The account acting for an office, when the demo has one. */
  readonly actorOf: (officeName: string | null) => Actor | null;
}

/**
 * Load a year of activity into a store that holds the demo's directory, `planId` (the example
 * plan) and its administrator, and nothing else yet.
 */
export async function loadDemoActivity(
  db: Kysely<Database>,
  props: { planId: string; adminId: string },
): Promise<DemoActivity> {
  const admin: Actor = { id: props.adminId, role: 'admin', officeId: null };
  // Reports are owed from the day a plan entered Duban (status.service); the demo plays the plan
  // as if the district had run it here from the first day of its year.
  await db
    .updateTable('plans')
    .set({ created_at: at(`${YEAR}-01-01`, 0) })
    .where('id', '=', props.planId)
    .execute();

  const offices = new Map<string, string>();
  for (const o of await db.selectFrom('offices').select(['id', 'name']).execute()) offices.set(o.name, o.id);
  for (const [name, street] of COMMUNITIES) {
    const parentId = offices.get(`${street}街道办事处`) ?? null;
    const created = await createOffice(db, admin, { name, kind: 'community', parentId });
    offices.set(name, created.id);
  }
  const office = (name: string): string => {
    const id = offices.get(name);
    if (id === undefined) throw new Error(`demo: no office named ${name}`);
    return id;
  };

  const users = new Map<string, Actor>([['admin', admin]]);
  const created = await Promise.all(
    DEMO_ACCOUNTS.map((a) =>
      createUser(db, admin, {
        username: a.username,
        displayName: a.displayName,
        role: a.role,
        officeId: a.office === null ? null : office(a.office),
        password: DEMO_PASSWORD,
      }),
    ),
  );
  for (const u of created) users.set(u.username, { id: u.id, role: u.role, officeId: u.officeId });
  const byOffice = new Map<string, Actor>();
  for (const u of created)
    if (u.role === 'reporter' && u.officeId !== null) byOffice.set(u.officeId, users.get(u.username) as Actor);
  // The plan office's own writing is the administrator's (区委基层办).
  byOffice.set(office('区委基层办'), admin);

  const story: Story = {
    db,
    rng: generator(20_070_619),
    planId: props.planId,
    admin,
    office,
    user: (username) => {
      const u = users.get(username);
      if (!u) throw new Error(`demo: no account ${username}`);
      return u;
    },
    actorOf: (name) => (name === null ? null : (byOffice.get(office(name)) ?? null)),
  };

  await assignCommunity(story);
  const sources = await writeLedgers(story);
  const problems = await writeProblems(story, sources);
  await writeOrders(story, problems);
  const reports = await planReports(story);
  const cut = at(REMINDER_DAY, 0);
  const byThen = (r: PlannedReport) => r.firstHandedIn !== null && r.firstHandedIn < cut;
  // The reminder job sees the reports handed in by its morning, then the rest come in.
  await insertReports(db, reports.filter(byThen));
  const notifications = await remindOn(db, REMINDER_DAY);
  await insertReports(
    db,
    reports.filter((r) => !byThen(r)),
  );
  await playMilestones(db, { planId: props.planId, adminId: props.adminId });

  return {
    accounts: DEMO_ACCOUNTS,
    password: DEMO_PASSWORD,
    reports: reports.length,
    ledgerEntries: sources.count,
    problems: problems.size,
    orders: ORDERS.length,
    notifications,
  };
}

/**
 * 区委副书记王建国, visiting 黄贝岭社区 at the end of June, assigns it a pilot of task 11's
 * "作业室" (领导交办): the community leads it from July, 黄贝街道 supports it and reviews its
 * reports first.
 */
async function assignCommunity(s: Story): Promise<void> {
  const section = await s.db
    .selectFrom('tasks')
    .select('section_id')
    .where('plan_id', '=', s.planId)
    .where('number', '=', '11')
    .executeTakeFirstOrThrow();
  await addTask(s.db, null, {
    sectionId: section.section_id,
    title: '黄贝岭社区图书室“四点半作业室”试点',
    text: '在黄贝岭社区图书室开辟“四点半作业室”,为双职工家庭学生提供课后托管和作业辅导,年底前总结试点经验,在有条件的社区推广。',
    leaders: ['王建国'],
    source: '区领导挂点联系黄贝岭社区现场办公会议(2007年6月28日)',
    assignedBy: '区委副书记王建国',
    startDate: '2007-07-01',
    deadline: '年底前',
    assignments: [
      { role: 'lead', officeId: s.office(LEAD_COMMUNITY) },
      { role: 'support', officeId: s.office('黄贝街道办事处') },
    ],
    clock: fixedClock('2007-06-29'),
  });
}

interface PlannedEntry {
  readonly kind: LedgerKind;
  readonly officeId: string | null;
  readonly actor: Actor;
  readonly date: string;
  /** Whose entry it is: the person of a visit, the cadre of a diary. */
  readonly who: string;
  readonly fields: Record<string, string | number | null>;
  id?: string;
}

/** Visits and diaries by who wrote them, oldest first, to find the entry a problem came from. */
interface Sources {
  readonly visits: readonly PlannedEntry[];
  readonly diaries: readonly PlannedEntry[];
  readonly count: number;
}

/** The entry of `who` a problem recorded on `date` came from: their latest in the ten days up to it. */
function sourceOf(entries: readonly PlannedEntry[], who: string, date: string): PlannedEntry | undefined {
  const from = addDays(date, -10);
  return entries
    .filter((e) => e.who === who && e.date >= from && e.date <= date)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .at(-1);
}

/** Law-enforcement staff of the streets' enforcement teams (执法人员), on the roster only. */
const ENFORCEMENT: readonly (readonly [string, string])[] = [
  ['何志强', '东门街道办事处'],
  ['林晓峰', '桂园街道办事处'],
  ['马俊', '南湖街道办事处'],
];

/**
 * The rosters frequency targets judge: the district leaders and heads of offices of the linked
 * communities, the stationed cadres, and a few enforcement staff. Loaded with the plain demo too
 * (like the directory). A head of an office with no link (区教育局) logs no visit all year: the
 * compliance table shows them missed, not absent.
 */
export async function writeDemoRosters(db: Kysely<Database>, admin: Pick<Actor, 'id' | 'role'>): Promise<void> {
  const rows = [
    ...LINKS.map((l) => [l.every === 'quarter' ? '区级领导' : '区直单位负责人', l.person, l.title, l.office ?? '']),
    ['区直单位负责人', '钱进', '区教育局局长', '区教育局'],
    ...CADRES.map((c) => ['驻社区干部', c.cadre, `驻${c.community}干部`, c.office]),
    ...ENFORCEMENT.map(([name, office]) => ['执法人员', name, '街道执法队队员', office]),
  ];
  await importRoster(db, admin, { csv: rows.map((r) => r.join(',')).join('\n'), now: at(`${YEAR}-01-10`, 540) });
}

/**
 * The ledgers: linked communities of district leaders and heads of offices with their visits, the
 * cadres' weekly diaries, the quarterly district and monthly street meetings, trainings.
 */
async function writeLedgers(s: Story): Promise<Sources> {
  const { rng } = s;
  const fill = (text: string, community: string): string =>
    text
      .replaceAll('{c}', community)
      .replaceAll('{n}', String(rng.int(3, 12)))
      .replaceAll('{m}', String(rng.int(30, 150)));

  const links: PlannedEntry[] = LINKS.map((l) => ({
    kind: 'links',
    officeId: l.office === null ? null : s.office(l.office),
    actor: s.actorOf(l.office) ?? s.admin,
    date: `${YEAR}-01-10`,
    who: l.person,
    fields: {
      person: l.person,
      personTitle: l.title,
      communityOfficeId: s.office(l.community),
      since: `${YEAR}-01-10`,
    },
  }));
  for (const link of links) {
    const created = await createEntry(s.db, link.actor, 'links', { officeId: link.officeId, fields: link.fields });
    link.id = created.id;
  }

  const visitOf = (l: LinkStory, date: string): PlannedEntry => {
    const link = links[LINKS.indexOf(l)] as PlannedEntry;
    return {
      kind: 'visits',
      officeId: link.officeId ?? s.office('区委基层办'),
      actor: link.actor,
      date,
      who: l.person,
      fields: {
        linkId: link.id ?? null,
        person: l.person,
        communityOfficeId: s.office(l.community),
        date,
        durationHours: rng.pick([1.5, 2, 2.5, 3, 4]),
        notes: fill(rng.pick(VISIT_NOTES), l.community),
        problemsRaised: '',
      },
    };
  };
  const visits: PlannedEntry[] = [];
  for (const l of LINKS) {
    periodsOf(l.every === 'quarter' ? 'quarterly' : 'bimonthly', YEAR).forEach((p, n) => {
      if (l.missed.includes(n + 1)) return;
      const days = [workday(rng, addDays(p.start, 7), addDays(p.end, -7))];
      // District leaders often go twice a quarter.
      if (l.every === 'quarter' && rng.chance(0.5)) days.push(workday(rng, addDays(p.start, 7), addDays(p.end, -7)));
      for (const date of [...new Set(days)].sort()) visits.push(visitOf(l, date));
    });
  }

  const diaryOf = (c: CadreStory, date: string): PlannedEntry => ({
    kind: 'diaries',
    officeId: s.office(c.office),
    actor: s.actorOf(c.office) ?? s.admin,
    date,
    who: c.cadre,
    fields: { cadre: c.cadre, date, text: fill(rng.pick(DIARY_TEXTS), c.community), problemsRaised: '' },
  });
  const diaries: PlannedEntry[] = [];
  for (const c of CADRES) {
    periodsOf('weekly', YEAR).forEach((week, n) => {
      const date = workday(rng, week.start, addDays(week.start, 4));
      if (c.missed.includes(n + 1) || date > `${YEAR}-12-31`) return;
      diaries.push(diaryOf(c, date));
    });
  }

  // A problem raised on a visit or in a diary comes from an entry of its day or the days before
  // (one is written on its day when there is none), and the entry names it.
  for (const p of PROBLEMS) {
    if (!p.by) continue;
    const list = p.source === 'visit' ? visits : diaries;
    let entry = sourceOf(list, p.by, p.date);
    if (!entry) {
      const link = LINKS.find((l) => l.person === p.by);
      const cadre = CADRES.find((c) => c.cadre === p.by);
      entry = link ? visitOf(link, p.date) : cadre ? diaryOf(cadre, p.date) : undefined;
      if (!entry) throw new Error(`demo: nobody called ${p.by} visits or keeps a diary`);
      list.push(entry);
    }
    const raised = entry.fields.problemsRaised;
    entry.fields.problemsRaised = raised ? `${raised};${p.title}` : p.title;
  }

  const meetings: PlannedEntry[] = [];
  for (const q of periodsOf('quarterly', YEAR)) {
    const date = workday(rng, addDays(q.end, -14), addDays(q.end, -3));
    meetings.push({
      kind: 'meetings',
      officeId: s.office('区委基层办'),
      actor: s.admin,
      date,
      who: '区委基层办',
      fields: {
        level: 'district',
        date,
        topic: `全区驻(挂)社区工作会议(第${q.key.slice(-1)}季度)`,
        attendance: rng.int(60, 95),
      },
    });
  }
  for (const m of periodsOf('monthly', YEAR)) {
    for (const street of ['桂园', '黄贝', '东门', '翠竹', '东晓', '南湖', '笋岗', '清水河', '莲塘', '东湖']) {
      if (STREET_MEETINGS_MISSED[street]?.includes(monthOf(m.start))) continue;
      const name = `${street}街道办事处`;
      const date = workday(rng, addDays(m.start, 3), addDays(m.end, -3));
      meetings.push({
        kind: 'meetings',
        officeId: s.office(name),
        actor: s.actorOf(name) ?? s.admin,
        date,
        who: name,
        fields: {
          level: 'street',
          date,
          topic: `${street}街道${rng.pick(STREET_MEETING_TOPICS)}`,
          attendance: rng.int(15, 35),
        },
      });
    }
  }
  const trainings: PlannedEntry[] = TRAININGS.map((t) => ({
    kind: 'trainings',
    officeId: s.office(t.office),
    actor: s.actorOf(t.office) ?? s.admin,
    date: t.date,
    who: t.office,
    fields: { date: t.date, topic: t.topic, attendees: t.attendees },
  }));

  // Each ledger lists newest first by id: write each in the order of its dates.
  for (const entries of [visits, diaries, meetings, trainings]) {
    entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    for (const e of entries) {
      const created = await createEntry(s.db, e.actor, e.kind, { officeId: e.officeId, fields: e.fields });
      e.id = created.id;
    }
  }
  // Recorded the evening of the day it tells of (18:00 China time).
  for (const table of ['visits', 'diaries', 'meetings', 'trainings'] as const) {
    const evening = sql<string>`${sql.ref('date')} || 'T10:00:00.000Z'`;
    await s.db.updateTable(table).set({ created_at: evening, updated_at: evening }).execute();
  }
  await s.db
    .updateTable('links')
    .set({ created_at: at(`${YEAR}-01-10`, 600), updated_at: at(`${YEAR}-01-10`, 600) })
    .execute();
  return {
    visits,
    diaries,
    count: links.length + visits.length + diaries.length + meetings.length + trainings.length,
  };
}

/** A problem's times in the story: recorded, last changed, closed. */
interface ProblemTimes {
  readonly id: string;
  created: string;
  updated: string;
  closed: string | null;
}

/** The problem ledger, each problem taken in hand and solved on its days; by title. */
async function writeProblems(s: Story, sources: Sources): Promise<Map<string, ProblemTimes>> {
  const { rng } = s;
  const out = new Map<string, ProblemTimes>();
  for (const p of [...PROBLEMS].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    const entry = p.by ? sourceOf(p.source === 'visit' ? sources.visits : sources.diaries, p.by, p.date) : undefined;
    const owner = s.actorOf(p.owner);
    const recorder =
      p.source === 'inspection' ? s.user('ducha') : p.source === 'diary' ? (entry?.actor ?? s.admin) : s.admin;
    // A reporter records problems of their own office only.
    const by = recorder.role === 'reporter' && recorder.officeId !== s.office(p.owner) ? s.admin : recorder;
    const problem = await createProblem(s.db, by, {
      title: p.title,
      description: p.description,
      category: p.category,
      place: p.place,
      source: p.source,
      sourceId: entry?.id ?? null,
      ownerOfficeId: s.office(p.owner),
      deadline: addDays(p.date, 30),
      planId: s.planId,
    });
    const times: ProblemTimes = { id: problem.id, created: officeHours(rng, p.date), updated: '', closed: null };
    times.updated = times.created;
    await dateLastProblemEvent(s, problem.id, times.created);
    let version = problem.version;
    const handler = owner ?? s.admin;
    for (const [day, status] of [
      [p.handling, 'in-progress'],
      [p.closed, 'closed'],
    ] as const) {
      if (day === undefined) continue;
      const changed = await editProblem(s.db, handler, { id: problem.id, version, status });
      version = changed.version;
      times.updated = officeHours(rng, day);
      await dateLastProblemEvent(s, problem.id, times.updated);
      if (status === 'closed') times.closed = times.updated;
    }
    out.set(p.title, times);
  }
  return out;
}

/**
 * Put the latest step of a problem's history back on the day the story took it — when that step
 * was just written (it still bears today's time: an order's step that left the problem as it was
 * wrote none).
 */
async function dateLastProblemEvent(s: Story, problemId: string, at: string): Promise<void> {
  const last = await s.db
    .selectFrom('problem_events')
    .select(['id', 'at'])
    .where('problem_id', '=', problemId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (last && last.at > `${YEAR + 1}`) {
    await s.db.updateTable('problem_events').set({ at }).where('id', '=', last.id).execute();
  }
}

/** The supervision orders, each step taken through the workflow, then put back on its day. */
async function writeOrders(s: Story, problems: Map<string, ProblemTimes>): Promise<void> {
  const { rng } = s;
  const tasks = new Map(
    (await s.db.selectFrom('tasks').select(['id', 'number']).where('plan_id', '=', s.planId).execute()).map((t) => [
      t.number,
      t.id,
    ]),
  );
  for (const o of ORDERS) {
    const problem = problems.get(o.problem);
    if (!problem) throw new Error(`demo: no problem ${o.problem}`);
    const order = await createOrder(s.db, s.user('ducha'), {
      problemId: problem.id,
      taskId: o.task === undefined ? null : (tasks.get(o.task) ?? null),
      leadOfficeId: s.office(o.lead),
      supportOfficeIds: o.support.map(s.office),
      deadline: o.deadline,
      comment: o.drafted.comment,
    });
    const times = [officeHours(rng, o.drafted.day)];
    let version = order.version;
    for (const step of o.steps) {
      const actor = s.user(step.by);
      if (step.step === 'urge') {
        const urged = await urgeOrder(s.db, actor, { id: order.id, comment: step.comment }, fixedClock(step.day));
        version = urged.version;
      } else {
        const moved = await stepOrder(s.db, actor, step.step, { id: order.id, version, comment: step.comment });
        version = moved.version;
      }
      const time = officeHours(rng, step.day);
      times.push(time);
      // The order's problem follows it: in progress once signed, closed with the order.
      if (step.step === 'sign' || step.step === 'close') {
        problem.updated = time;
        if (step.step === 'close') problem.closed = time;
        await dateLastProblemEvent(s, problem.id, time);
      }
    }
    const events = await s.db
      .selectFrom('order_events')
      .select('id')
      .where('order_id', '=', order.id)
      .orderBy('id')
      .execute();
    for (const [i, e] of events.entries()) {
      await s.db
        .updateTable('order_events')
        .set({ at: times[i] ?? (times.at(-1) as string) })
        .where('id', '=', e.id)
        .execute();
    }
    await s.db
      .updateTable('orders')
      .set({ created_at: times[0] as string, updated_at: times.at(-1) as string })
      .where('id', '=', order.id)
      .execute();
  }
  for (const p of problems.values()) {
    await s.db
      .updateTable('problems')
      .set({ created_at: p.created, updated_at: p.updated, closed_at: p.closed })
      .where('id', '=', p.id)
      .execute();
  }
}

/** A report as it will be inserted, with its figures and one event per change. */
interface PlannedReport {
  readonly row: Insertable<ReportTable>;
  readonly figures: Insertable<ReportFigureTable>[];
  readonly events: Insertable<ReportEventTable>[];
  /** When it was first handed in; null when it never was. */
  readonly firstHandedIn: string | null;
}

interface Change {
  readonly action: ReportAction;
  readonly at: string;
  readonly by: string | null;
  readonly comment?: string;
  readonly narrative?: string;
}

/** The report after each change, as the reports service would have made it, up to the year's end. */
function playReport(
  start: Omit<Report, 'version' | 'createdAt' | 'updatedAt'>,
  figures: ReportFigure[],
  changes: Change[],
): PlannedReport {
  let report: Report | null = null;
  const events: Insertable<ReportEventTable>[] = [];
  let firstHandedIn: string | null = null;
  for (const c of changes) {
    if (c.at > YEAR_END) break;
    if (report === null) {
      report = { ...start, version: 1, createdAt: c.at, updatedAt: c.at };
    } else {
      const base: Report = { ...report, version: report.version + 1, updatedAt: c.at };
      const reviewed = { reviewedBy: c.by, reviewedAt: c.at, reviewComment: c.comment ?? null };
      switch (c.action) {
        case 'edit':
          report = { ...base, narrative: c.narrative ?? base.narrative };
          break;
        case 'submit':
          firstHandedIn ??= c.at;
          report = {
            ...base,
            status: 'submitted',
            submittedAt: c.at,
            late: base.dueDate !== null && chinaDate(c.at) > base.dueDate,
            reviewedBy: null,
            reviewedAt: null,
            reviewComment: null,
          };
          break;
        case 'review':
          report = { ...base, status: 'reviewed', ...reviewed };
          break;
        case 'accept':
          report = { ...base, status: 'accepted', ...reviewed };
          break;
        case 'return':
          report = { ...base, status: 'returned', ...reviewed };
          break;
        default:
          throw new Error(`demo: no ${c.action} of reports`);
      }
    }
    events.push({
      id: newId(),
      report_id: report.id,
      at: c.at,
      user_id: c.by,
      action: c.action,
      comment: c.action === 'create' || c.action === 'edit' || c.action === 'submit' ? null : (c.comment ?? null),
      snapshot: JSON.stringify({ report, figures }),
    });
  }
  if (report === null) throw new Error('demo: a report without its creation');
  const r = report;
  return {
    row: reportToRow(r),
    figures: figures.map((f) => ({
      id: f.id,
      report_id: r.id,
      target_id: f.targetId,
      value: f.value,
      numerator: f.numerator,
      denominator: f.denominator,
      cumulative: f.cumulative ? 1 : 0,
    })),
    events,
    firstHandedIn,
  };
}

/** Sentences of a task's text, shortened to their first two clauses, for the narratives. */
function themesOf(text: string): string[] {
  const themes = text
    .split(/[。;;]/u)
    .map((t) => t.trim().split(/[,,]/u).slice(0, 2).join(','))
    // Quoted inside the narrative's own quotation marks.
    .map((t) => t.replaceAll('“', '‘').replaceAll('”', '’'))
    .filter((t) => t.length >= 8);
  return themes.length > 0 ? themes : [text.slice(0, 30)];
}

/**
 * Every lead office's monthly reports on every task, January to December (and the demo reporters'
 * on the tasks their offices support): most handed in on time
 * and accepted, some late, some returned once and put right, a few returned and left, a few never
 * written (MISSING, DRAFTS, RETURNED); whatever would happen after 31 December has not yet.
 */
async function planReports(s: Story): Promise<PlannedReport[]> {
  const { db, rng } = s;
  const tasks = await db
    .selectFrom('tasks')
    .select(['id', 'number', 'text', 'start_date'])
    .where('plan_id', '=', s.planId)
    .orderBy('position')
    .execute();
  const targets = await db
    .selectFrom('targets')
    .innerJoin('tasks', 'tasks.id', 'targets.task_id')
    .select(['targets.id', 'targets.task_id', 'targets.unit', 'targets.text', 'targets.kind'])
    .where('tasks.plan_id', '=', s.planId)
    .orderBy('targets.position')
    .execute();
  const assignments = await db
    .selectFrom('task_assignments')
    .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
    .leftJoin('office_group_members', 'office_group_members.group_id', 'task_assignments.group_id')
    .select([
      'task_assignments.task_id',
      'task_assignments.role',
      'task_assignments.office_id',
      'office_group_members.office_id as member_id',
    ])
    .where('tasks.plan_id', '=', s.planId)
    .orderBy('task_assignments.position')
    .execute();
  const officesOf = (taskId: string, role: 'lead' | 'support'): string[] => [
    ...new Set(
      assignments
        .filter((a) => a.task_id === taskId && a.role === role)
        .flatMap((a) => a.office_id ?? a.member_id ?? []),
    ),
  ];
  const offices = await db.selectFrom('offices').select(['id', 'name', 'parent_id', 'kind']).execute();
  const nameOf = new Map(offices.map((o) => [o.id, o.name]));
  // The reviewing office above, by the reports module's own rule (a community's street office).
  const parentOf = new Map(offices.map((o) => [o.id, REVIEWED_FROM_ABOVE.includes(o.kind) ? o.parent_id : null]));
  const officeAbove = (officeId: string): Actor | null => {
    const parent = parentOf.get(officeId) ?? null;
    return parent === null ? null : (s.actorOf(nameOf.get(parent) ?? null) ?? null);
  };

  const planned: PlannedReport[] = [];
  // Reports from the plan's first full month after it was issued (19 June: July), as the status owes them.
  const plan = await db.selectFrom('plans').select('date').where('id', '=', s.planId).executeTakeFirstOrThrow();
  const owed = owedPeriods(
    { cadence: 'monthly', year: YEAR, issued: plan.date, dueWorkingDays: DEFAULT_SETTINGS.dueWorkingDays },
    YEAR,
  );
  const firstMonth = Number(owed[0]?.key.slice(6) ?? 13);
  for (const period of owed) {
    const month = Number(period.key.slice(6));
    const periodKey = monthKey(month);
    const monthEnd = period.end;
    const due = period.due;
    for (const task of tasks) {
      // The task assigned mid-year owes nothing before its start.
      if (!owesReport(period, task.start_date)) continue;
      const themes = themesOf(task.text);
      const taskTargets = targets.filter((t) => t.task_id === task.id);
      const leadIds = officesOf(task.id, 'lead');
      // Offices with a demo account report on the tasks they support too, as their 本期待办 asks.
      const supportIds = officesOf(task.id, 'support').filter(
        (id) => !leadIds.includes(id) && s.actorOf(nameOf.get(id) ?? null)?.role === 'reporter',
      );
      for (const officeId of [...leadIds, ...supportIds]) {
        const name = nameOf.get(officeId) ?? '';
        const lead = leadIds.includes(officeId);
        if (lead && MISSING[task.number]?.[name]?.includes(month)) continue;
        const author = s.actorOf(name)?.id ?? null;
        const above = officeAbove(officeId);
        // Streets report task 15's per-street figure as support offices (demo-targets.ts names them).
        const specs = lead || task.number === '15' ? (FIGURES[task.number]?.(name, month) ?? []) : [];
        const figures = specs.map((f) => {
          const target = taskTargets[f.target];
          if (!target) throw new Error(`demo: task ${task.number} has no target ${f.target}`);
          return toFigure(target, f);
        });
        const blocked = month >= (BLOCKED_FROM[task.number] ?? 13);
        const progress: ReportProgress =
          month >= (DONE_FROM[task.number] ?? 13)
            ? 'done'
            : blocked
              ? 'blocked'
              : month === firstMonth && LATE_START.has(task.number)
                ? 'not-started'
                : 'in-progress';
        const theme = themes[(month - 1) % themes.length];
        const narrative = `${month}月,${lead ? '' : '作为协办单位配合牵头单位,'}围绕“${theme}”,${rng.pick(REPORT_ACTIONS)}。${
          blocked ? BLOCKED_OUTCOME : rng.pick(REPORT_OUTCOMES)
        }`;
        const practice = lead ? GOOD_PRACTICES[task.number]?.[name] : undefined;
        const goodPractice = practice?.month === month;
        const start = {
          id: newId(),
          taskId: task.id,
          officeId,
          periodKey,
          status: 'draft' as const,
          progress,
          narrative,
          goodPractice,
          goodPracticeSummary: goodPractice ? (practice?.summary ?? null) : null,
          submittedAt: null,
          dueDate: due,
          late: false,
          reviewedBy: null,
          reviewedAt: null,
          reviewComment: null,
          missingFigures: [],
        };

        if (lead && DRAFTS[task.number]?.[name]?.includes(month)) {
          const written = workday(rng, addDays(due, 1), addDays(due, 3));
          planned.push(playReport(start, figures, [{ action: 'create', at: officeHours(rng, written), by: author }]));
          continue;
        }
        // December's reports come in before the New Year holiday; any other month's by its last
        // day, or late (after the status's due date).
        const december = month === 12;
        const left = lead ? RETURNED[task.number]?.[name] : undefined;
        const created = workday(rng, addDays(monthEnd, december ? -14 : -10), addDays(monthEnd, december ? -12 : -6));
        const punctual = december || left?.month === month || rng.chance(PUNCTUALITY[name] ?? USUAL_PUNCTUALITY);
        const handedIn =
          december && above
            ? workday(rng, addDays(monthEnd, -7), addDays(monthEnd, -5))
            : punctual
              ? workday(rng, addDays(created, 1), december ? addDays(monthEnd, -3) : monthEnd)
              : workday(rng, addDays(due, 2), addDays(due, 14));
        const changes: Change[] = [
          { action: 'create', at: officeHours(rng, created), by: author },
          { action: 'submit', at: officeHours(rng, handedIn), by: author },
        ];
        const after = (day: string, min: number, max: number) =>
          officeHours(rng, workingDaysAfter(day, rng.int(min, max)));
        // No one judges their own work: the plan office's own reports are a leader's to accept.
        const reviewer = name === '区委基层办' ? s.user('lingdao').id : s.admin.id;
        if (left?.month === month) {
          changes.push({ action: 'return', at: officeHours(rng, RETURNED_ON), by: reviewer, comment: left.comment });
        } else if (above) {
          // The office above passes it on, then the plan office accepts it. At the year's end
          // 黄贝街道 has yet to look at its community's December report, and the plan office has
          // yet to take up the November one that 黄贝街道 passed on.
          const passed = workingDaysAfter(handedIn, 1);
          const community = name === LEAD_COMMUNITY;
          if (!december || !community) {
            changes.push({ action: 'review', at: officeHours(rng, passed), by: above.id });
          }
          if (!december && !(community && month === 11)) {
            changes.push({ action: 'accept', at: after(passed, 1, 2), by: reviewer });
          }
        } else if (rng.chance(0.03)) {
          const returned = workingDaysAfter(handedIn, rng.int(1, 2));
          const fixed = workingDaysAfter(returned, rng.int(1, 3));
          const comment = rng.pick(RETURN_COMMENTS);
          changes.push({ action: 'return', at: officeHours(rng, returned), by: reviewer, comment });
          changes.push({
            action: 'edit',
            at: at(fixed, 9 * 60 + rng.int(0, 59)),
            by: author,
            narrative: `${narrative}(已按审核意见补充。)`,
          });
          changes.push({ action: 'submit', at: at(fixed, 10 * 60 + rng.int(0, 59)), by: author });
          changes.push({ action: 'accept', at: after(fixed, 1, 2), by: reviewer });
        } else {
          changes.push({ action: 'accept', at: after(handedIn, 1, 3), by: reviewer });
        }
        planned.push(playReport(start, figures, changes));
      }
    }
  }
  return planned;
}

/** Insert planned reports with their figures and events, in one transaction, many rows a statement. */
async function insertReports(db: Kysely<Database>, reports: readonly PlannedReport[]): Promise<void> {
  const chunks = <T>(rows: readonly T[], size: number): T[][] =>
    Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
  await db.transaction().execute(async (trx) => {
    for (const rows of chunks(
      reports.map((r) => r.row),
      200,
    ))
      await trx.insertInto('reports').values(rows).execute();
    for (const rows of chunks(
      reports.flatMap((r) => r.figures),
      500,
    ))
      await trx.insertInto('report_figures').values(rows).execute();
    for (const rows of chunks(
      reports.flatMap((r) => r.events),
      500,
    ))
      await trx.insertInto('report_events').values(rows).execute();
  });
}

/** Run the daily reminder job as on the morning of `day`; its notifications written at 8:30 that day. */
async function remindOn(db: Kysely<Database>, day: string): Promise<number> {
  const run = await runDailyReminders(db, {
    today: day,
    clock: fixedClock(`${day}T08:30:00+08:00`),
    send: async () => {
      throw new Error('the demo has no webhooks');
    },
  });
  await db
    .updateTable('notifications')
    .set({ created_at: at(day, 8 * 60 + 30) })
    .execute();
  return run.created;
}

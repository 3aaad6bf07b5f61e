import {
  asksOffice,
  type Clock,
  chinaToday,
  isIsoDate,
  isLate,
  isPeriodKey,
  lockDate,
  lockedSince as lockedSinceOn,
  nowIso,
  periodLabel,
  periodOfKey as periodOfKeyUncached,
  type ReportingPeriod,
  reportDueDate,
  submissionProblems,
  systemClock,
} from '@duban/core';
import type { Kysely } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { Database } from '../../db/schema.ts';
import type { ReportAction, ReportProgress, ReportStatus } from '../../db/tables/reports.ts';
import type { SessionUser } from '../../http/access.ts';
import { AppError, notFound, staleVersion, type Words } from '../../http/errors.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { isUniqueViolation } from '../offices/offices.repository.ts';
import { notifyReportReviewed } from '../reminders/events.ts';
import { DEFAULT_SETTINGS } from '../status/status.repository.ts';
import { readBlob, storeBlob } from './evidence.store.ts';
import {
  deleteEvidence,
  type EvidenceFile,
  findDraftChecks,
  findEvidence,
  findPlanOfficeOfTask,
  findReport,
  findReportToChange,
  findTargets,
  insertEvent,
  insertEvidence,
  insertFigures,
  insertReport,
  type ListedReport,
  listEvents,
  listEvidence,
  listFigures,
  listReportRows,
  listTaskTargets,
  type MissingFigure,
  officeName,
  type PeriodLock,
  parentOfficeOf,
  type Report,
  type ReportEvent,
  type ReportFigure,
  type ReportFilter,
  type ReviewStage,
  replaceFigures,
  type TargetUnit,
  updateReportRow,
} from './reports.repository.ts';

/** Who acts on reports: what the access rules need of the signed-in user, and the name their events show. */
export type ReportActor = Pick<SessionUser, 'id' | 'role' | 'officeId' | 'displayName'>;

const REPORT: Words = { en: 'Report', zh: '报送' };
const THE_REPORT: Words = { en: 'The report', zh: '该报送' };
const EVIDENCE_FILE: Words = { en: 'Evidence file', zh: '佐证材料' };

export interface ReportDetail {
  readonly report: Report;
  /** The office above the report's office, which reviews it first; null: the plan office alone. */
  readonly reviewOfficeId: string | null;
  readonly figures: readonly ReportFigure[];
  readonly events: readonly ReportEvent[];
  readonly evidence: readonly EvidenceFile[];
  /** The day the report's period locked for its office; null while the office may write it. */
  readonly lockedSince: string | null;
  /** The report is of the office that runs its plan: a leader reviews it, not that office. */
  readonly ofPlanOffice?: boolean | undefined;
}

export const NARRATIVE_MAX = 20_000;
export const SUMMARY_MAX = 2_000;
export const COMMENT_MAX = 2_000;
export const FIGURES_MAX = 200;

/** Units of a share: a figure lies in 0–100 or is given as numerator ≤ denominator. */
const PERCENT_UNITS = new Set(['%', '％']);
/**
 * Units that measure an amount, a length, an area, a time or a ratio, where a figure may have a
 * fraction (2.5万元, 0.5天); every other unit counts things (次 个 家 人 篇) in whole numbers.
 */
const MEASURE_ENDINGS = [
  '元',
  '亩',
  '公顷',
  '米',
  '公里',
  '平米',
  '㎡',
  '㎞',
  '吨',
  '升',
  '瓦',
  '克',
  '天',
  '日',
  '小时',
  '分钟',
  '秒',
  '月',
  '年',
  '周',
  '倍',
  '百分点',
  '‰',
  'km',
  'kW',
  'kWh',
  'MW',
  'GW',
  'kV',
];

type UnitKind = 'percent' | 'count' | 'measure';

/** How a target's unit constrains a figure. An empty unit is a plain measure. */
export function unitKind(unit: string): UnitKind {
  const u = unit.trim();
  if (PERCENT_UNITS.has(u)) return 'percent';
  if (u === '' || MEASURE_ENDINGS.some((m) => u.endsWith(m))) return 'measure';
  return 'count';
}

/** Periods by key: every write asks, and periodsOf lays out the whole year to answer. */
const PERIODS = new Map<string, ReportingPeriod | null>();
const PERIODS_MAX = 1000;

/** The period a report's key names ('2007-M06', '2007-Q2', '2007' …); null for a key of no known span. */
export function periodOfKey(key: string): ReportingPeriod | null {
  const known = PERIODS.get(key);
  if (known !== undefined) return known;
  const period = periodOfKeyUncached(key);
  if (PERIODS.size >= PERIODS_MAX) PERIODS.clear();
  PERIODS.set(key, period);
  return period;
}

/**
 * Lock dates by period and settings. lockDate walks the holiday calendar day by day, a good part
 * of a report write's work, while writes keep asking about the same few periods.
 */
const LOCK_DATES = new Map<string, string>();
const LOCK_DATES_MAX = 1000;

function cachedLockDate(period: ReportingPeriod, dueWorkingDays: number, lockDays: number): string {
  const key = `${period.key} ${dueWorkingDays} ${lockDays}`;
  let date = LOCK_DATES.get(key);
  if (date === undefined) {
    if (LOCK_DATES.size >= LOCK_DATES_MAX) LOCK_DATES.clear();
    date = lockDate(period, dueWorkingDays, lockDays);
    LOCK_DATES.set(key, date);
  }
  return date;
}

export interface LockFacts {
  readonly periodKey: string;
  readonly dueWorkingDays: number;
  readonly lockDays: number;
  /** The `until` dates of the office's exceptions for this plan and period. */
  readonly exceptionsUntil: readonly string[];
  /** Today in China, ISO date. */
  readonly today: string;
}

/**
 * Why a period's report may no longer be written, or null when it may: a period locks the day after
 * its lock date (lockDate of core: due date plus lock days, in working days) unless an exception
 * for the office runs until today or later. Keys of no known span never lock.
 */
export function lockReason(facts: LockFacts): string | null {
  const since = lockedSince(facts);
  return since === null ? null : lockWords(facts.periodKey, since).zh;
}

/** The day a period's report locked for the office (see lockReason), or null while it may be written. */
export function lockedSince(facts: LockFacts): string | null {
  const period = periodOfKey(facts.periodKey);
  if (!period) return null;
  const locks = cachedLockDate(period, facts.dueWorkingDays, facts.lockDays);
  return lockedSinceOn(locks, facts.exceptionsUntil, facts.today);
}

function lockWords(periodKey: string, since: string): Words {
  return {
    en: `Reports for ${periodKey} locked on ${since}; to report late, ask the plan office for an exception (补报例外)`,
    zh: `${periodLabel(periodKey)}的报送已于${since}锁定;如需补报,请联系基层办开通例外`,
  };
}

/** The day a report's period locked for its office under the plan's settings and exceptions; null while open. */
function lockedSinceOf(periodKey: string, lock: PeriodLock, today: string): string | null {
  if (!periodOfKey(periodKey) || lock.planId === null) return null;
  const settings = lock.settings ?? DEFAULT_SETTINGS;
  return lockedSince({
    periodKey,
    dueWorkingDays: settings.dueWorkingDays,
    lockDays: settings.lockDays,
    exceptionsUntil: lock.latestExceptionUntil === null ? [] : [lock.latestExceptionUntil],
    today,
  });
}

/**
 * Refuse (409) writing a report of a locked period: the plan's settings (defaults without a row)
 * and the office's exceptions decide. Administrators are bound too: they grant an exception.
 */
function checkUnlocked(periodKey: string, lock: PeriodLock, today: string): void {
  const since = lockedSinceOf(periodKey, lock, today);
  if (since !== null) throw new AppError('conflict', lockWords(periodKey, since), 'periodKey');
}

export interface FigureInput {
  readonly targetId: string;
  readonly value?: number | undefined;
  readonly numerator?: number | undefined;
  readonly denominator?: number | undefined;
  readonly cumulative?: boolean | undefined;
}

/** Check one figure against its target's unit; the figure to store. */
function checkFigure(target: TargetUnit, input: FigureInput, field: string): ReportFigure {
  // A change target's figure is the level itself (公文 issued so far), compared with the
  // baseline by status: any number, not a share of 100 nor a whole count of the unit.
  const kind = target.kind === 'change' ? 'measure' : unitKind(target.unit);
  const bad = (message: Words, f: string): never => {
    const text = target.text.slice(0, 40);
    throw new AppError(
      'bad-input',
      { en: `${message.en} (target "${text}")`, zh: `${message.zh}(指标“${text}”)` },
      `${field}.${f}`,
    );
  };
  const cumulative = input.cumulative ?? false;
  if (input.numerator !== undefined || input.denominator !== undefined) {
    if (kind !== 'percent')
      bad(
        {
          en: `Only a figure in % may be given as a fraction; this one is in ${target.unit}`,
          zh: `只有以 % 计的指标才能按分子/分母填写;该指标的单位是${target.unit}`,
        },
        'numerator',
      );
    const n = input.numerator;
    const d = input.denominator;
    if (n === undefined || d === undefined)
      return bad(
        { en: 'Give both the numerator and the denominator', zh: '请同时填写分子和分母' },
        n === undefined ? 'numerator' : 'denominator',
      );
    if (!(d > 0)) bad({ en: 'The denominator must be above 0', zh: '分母必须大于 0' }, 'denominator');
    if (!(n >= 0) || n > d) {
      bad({ en: 'The numerator must lie between 0 and the denominator', zh: '分子应在 0 到分母之间' }, 'numerator');
    }
    return { id: newId(), targetId: target.id, value: (n / d) * 100, numerator: n, denominator: d, cumulative };
  }
  const value = input.value;
  if (value === undefined || !Number.isFinite(value)) {
    return bad({ en: 'Give the figure’s value', zh: '请填写完成值' }, 'value');
  }
  if (kind === 'percent' && (value < 0 || value > 100)) {
    bad(
      { en: `A share lies between 0 and 100 %, not ${value}`, zh: `百分比应在 0 到 100 之间,不能是 ${value}` },
      'value',
    );
  }
  if (kind === 'count' && (!Number.isInteger(value) || value < 0)) {
    bad(
      {
        en: `A count of ${target.unit} is a whole number of 0 or more, not ${value}`,
        zh: `以“${target.unit}”计的数量应为 0 或正整数,不能是 ${value}`,
      },
      'value',
    );
  }
  return { id: newId(), targetId: target.id, value, numerator: null, denominator: null, cumulative };
}

/** Figures checked against their targets, which must be targets of `taskId`. */
async function checkFigures(
  db: Kysely<Database>,
  taskId: string,
  inputs: readonly FigureInput[],
  officeId: string,
): Promise<ReportFigure[]> {
  if (inputs.length > FIGURES_MAX) {
    throw new AppError(
      'bad-input',
      { en: `At most ${FIGURES_MAX} figures`, zh: `最多填写 ${FIGURES_MAX} 个指标完成值` },
      'figures',
    );
  }
  const targets = new Map(
    (
      await findTargets(
        db,
        inputs.map((f) => f.targetId),
      )
    ).map((t) => [t.id, t]),
  );
  const seen = new Set<string>();
  return inputs.map((input, i) => {
    const field = `figures.${i}`;
    const target = targets.get(input.targetId);
    if (!target || target.taskId !== taskId) {
      throw new AppError(
        'bad-input',
        {
          en: `The target ${input.targetId} is not a target of this report’s task`,
          zh: `编号为 ${input.targetId} 的指标不属于该报送的工作事项`,
        },
        `${field}.targetId`,
      );
    }
    if (seen.has(target.id)) {
      throw new AppError(
        'bad-input',
        { en: 'A target may have one figure only', zh: '每个指标只能填写一个完成值' },
        `${field}.targetId`,
      );
    }
    seen.add(target.id);
    if (!asksOffice(target, officeId)) {
      const text = target.text.slice(0, 40);
      throw new AppError(
        'bad-input',
        {
          en: `The target "${text}" is reported by its own offices, not this one`,
          zh: `指标“${text}”由其指定的责任单位填报,本单位无需填写`,
        },
        `${field}.targetId`,
      );
    }
    return checkFigure(target, input, field);
  });
}

function cleanText(text: string, max: number, field: string): string {
  const t = text.trim();
  if (t.length > max) {
    throw new AppError('bad-input', { en: `At most ${max} characters`, zh: `不能超过 ${max} 个字符` }, field);
  }
  return t;
}

const OTHER_OFFICE: Words = { en: 'This report belongs to another office', zh: '该报送属于其他单位' };

/** A reporter acts for their office only; everyone else the access rules let in acts for any. */
function checkOwner(actor: ReportActor, report: Report): void {
  if (actor.role === 'reporter' && report.officeId !== actor.officeId) {
    throw new AppError('forbidden', OTHER_OFFICE);
  }
}

/**
 * Reading: besides whoever may write it, a reporter of the office above the report's office,
 * which reviews it, once it has been handed in (drafts are the office's own business).
 */
async function checkReader(db: Kysely<Database>, actor: ReportActor, report: Report): Promise<void> {
  if (actor.role !== 'reporter' || report.officeId === actor.officeId) return;
  if (
    report.status !== 'draft' &&
    actor.officeId !== null &&
    (await parentOfficeOf(db, report.officeId)) === actor.officeId
  ) {
    return;
  }
  throw new AppError('forbidden', OTHER_OFFICE);
}

/**
 * Who reviews a report next: the office above while it is submitted by an office that has one,
 * the plan office once that office passed it on (or straight away for an office with none);
 * nobody while it is a draft, returned or accepted.
 */
export function nextReviewer(status: ReportStatus, reviewOfficeId: string | null): ReviewStage | null {
  if (status === 'reviewed') return 'plan-office';
  if (status === 'submitted') return reviewOfficeId === null ? 'plan-office' : 'office-above';
  return null;
}

/** Only administrators and reporters write reports (the routes say so too). */
function checkWriter(actor: ReportActor): void {
  if (actor.role !== 'admin' && actor.role !== 'reporter') {
    throw new AppError('forbidden', { en: 'Your role may not do this', zh: '您的角色无权进行此操作' });
  }
}

async function loadReport(db: Kysely<Database>, id: string): Promise<Report> {
  const r = await findReport(db, id);
  if (!r) throw notFound(REPORT);
  return r;
}

/** Record a change: the report's event (with its state after) and the audit record, in `trx`; the event. */
async function record(
  trx: Kysely<Database>,
  actor: ReportActor,
  change: {
    action: ReportAction;
    comment: string | null;
    fileName?: string | null | undefined;
    before: { report: Report; figures: readonly ReportFigure[] } | null;
    after: { report: Report; figures: readonly ReportFigure[] };
  },
): Promise<ReportEvent> {
  const at = change.after.report.updatedAt;
  const event = await insertEvent(trx, {
    id: newId(),
    reportId: change.after.report.id,
    at,
    userId: actor.id,
    userName: actor.displayName,
    action: change.action,
    comment: change.comment,
    fileName: change.fileName ?? null,
    snapshot: change.after,
  });
  await insertAudit(trx, {
    userId: actor.id,
    action: change.before === null ? 'create' : 'update',
    entity: 'report',
    entityId: change.after.report.id,
    before: change.before,
    after: change.after,
  });
  return event;
}

/**
 * Reports matching the filter. A reporter sees their office's, and those handed in by the offices
 * directly under it, which it reviews. `toReview`: only those waiting for the actor's review (a
 * reporter's: the offices' under theirs; an administrator's: those at the plan office's stage, but
 * the plan office's own; a leader's: the plan office's own at that stage).
 */
export async function listReports(
  db: Kysely<Database>,
  actor: ReportActor,
  filter: ReportFilter & { toReview?: boolean | undefined },
): Promise<ListedReport[]> {
  const { toReview, ...fields } = filter;
  if (actor.role === 'reporter') {
    if (actor.officeId === null) return [];
    if (toReview) return listReportRows(db, { ...fields, under: actor.officeId, awaiting: 'office-above' });
    return listReportRows(db, { ...fields, officeOrUnder: actor.officeId });
  }
  // The plan office's own reports wait for a leader's review, not its own (checkPlanReviewer).
  if (toReview && actor.role === 'admin')
    return listReportRows(db, { ...fields, awaiting: 'plan-office', planOffice: 'except' });
  if (toReview && actor.role === 'leader')
    return listReportRows(db, { ...fields, awaiting: 'plan-office', planOffice: 'only' });
  if (toReview) return [];
  return listReportRows(db, fields);
}

/** One report with its figures and its history. */
export async function getReport(
  db: Kysely<Database>,
  actor: ReportActor,
  id: string,
  clock: Clock = systemClock,
): Promise<ReportDetail> {
  const found = await findReportToChange(db, id);
  if (!found) throw notFound(REPORT);
  const { report, reviewOfficeId, lock, ofPlanOffice } = found;
  await checkReader(db, actor, report);
  return {
    report,
    reviewOfficeId,
    ofPlanOffice,
    figures: await listFigures(db, id),
    events: await listEvents(db, id),
    evidence: await listEvidence(db, id),
    lockedSince: lockedSinceOf(report.periodKey, lock, chinaToday(clock)),
  };
}

export interface CreateReportProps {
  readonly taskId: string;
  /** The reporting office; a reporter's own office when left out. */
  readonly officeId?: string | undefined;
  readonly periodKey: string;
  /** 'YYYY-MM-DD'; set by an administrator only. By default core's due date under the plan's settings. */
  readonly dueDate?: string | null | undefined;
  readonly progress?: ReportProgress | undefined;
  readonly narrative?: string | undefined;
  readonly goodPractice?: boolean | undefined;
  readonly goodPracticeSummary?: string | null | undefined;
  readonly figures?: readonly FigureInput[] | undefined;
  readonly missingFigures?: readonly MissingFigure[] | undefined;
}

function alreadyReported(periodKey: string): AppError {
  return new AppError(
    'conflict',
    {
      en: `This office already has a report on this task for ${periodKey}`,
      zh: `该单位已有该工作事项${periodLabel(periodKey)}的报送`,
    },
    'periodKey',
  );
}

/** Start a draft report of an office on a task for a period, with its figures; audited. */
export async function createReport(
  db: Kysely<Database>,
  actor: ReportActor,
  props: CreateReportProps,
  clock: Clock = systemClock,
): Promise<ReportDetail> {
  checkWriter(actor);
  const periodKey = props.periodKey.trim();
  if (!isPeriodKey(periodKey)) {
    throw new AppError(
      'bad-input',
      {
        en: `"${periodKey}" is not a period key like 2007-M06`,
        zh: `“${periodKey}”不是有效的报送期,报送期应写作 2007-M06 的形式`,
      },
      'periodKey',
    );
  }
  let officeId: string;
  if (actor.role === 'reporter') {
    if (actor.officeId === null) {
      throw new AppError('forbidden', { en: 'Your account belongs to no office', zh: '您的账号未关联单位' });
    }
    if (props.officeId !== undefined && props.officeId !== actor.officeId) {
      throw new AppError('forbidden', { en: 'You may report for your own office only', zh: '只能为本单位报送' });
    }
    if (props.dueDate !== undefined) {
      throw new AppError('forbidden', {
        en: 'Only an administrator sets a due date',
        zh: '只有管理员可以设置截止日期',
      });
    }
    officeId = actor.officeId;
  } else {
    if (props.officeId === undefined) {
      throw new AppError('bad-input', { en: 'Say which office reports', zh: '请选择报送单位' }, 'officeId');
    }
    officeId = props.officeId;
  }
  const asked = props.dueDate;
  if (asked != null && !isIsoDate(asked)) {
    throw new AppError(
      'bad-input',
      { en: `"${asked}" is not a date like 2007-07-05`, zh: `“${asked}”不是有效日期,日期应写作 2007-07-05 的形式` },
      'dueDate',
    );
  }
  const narrative = cleanText(props.narrative ?? '', NARRATIVE_MAX, 'narrative');
  const summary =
    props.goodPracticeSummary == null
      ? null
      : cleanText(props.goodPracticeSummary, SUMMARY_MAX, 'goodPracticeSummary') || null;

  return db.transaction().execute(async (trx) => {
    const checks = await findDraftChecks(trx, { taskId: props.taskId, officeId, periodKey });
    if (!checks) {
      throw new AppError('bad-input', { en: 'No such task', zh: '找不到该工作事项' }, 'taskId');
    }
    if (!checks.officeExists) {
      throw new AppError('bad-input', { en: 'No such office', zh: '找不到该单位' }, 'officeId');
    }
    if (!checks.assigned) {
      if (actor.role === 'reporter') {
        throw new AppError('forbidden', {
          en: 'This task is not assigned to your office',
          zh: '该工作事项没有分配给本单位',
        });
      }
      throw new AppError(
        'bad-input',
        {
          en: 'This task is not assigned to that office, as lead or support',
          zh: '所选单位不是该工作事项的牵头或协办单位',
        },
        'officeId',
      );
    }
    checkUnlocked(periodKey, checks.lock, chinaToday(clock));
    // The one rule's due date (as the status judges the period), unless an administrator set one.
    const dueDays = (checks.lock.settings ?? DEFAULT_SETTINGS).dueWorkingDays;
    const dueDate = asked === undefined ? reportDueDate(periodKey, dueDays) : asked;
    const figures = await checkFigures(trx, props.taskId, props.figures ?? [], officeId);
    const missingFigures = await checkMissingFigures(trx, props.taskId, props.missingFigures ?? [], figures);
    if (checks.reported) throw alreadyReported(periodKey);
    const now = nowIso(clock);
    const report: Report = {
      id: newId(),
      taskId: props.taskId,
      officeId,
      periodKey,
      status: 'draft',
      progress: props.progress ?? 'not-started',
      narrative,
      goodPractice: props.goodPractice ?? false,
      goodPracticeSummary: summary,
      submittedAt: null,
      dueDate,
      late: false,
      reviewedBy: null,
      reviewedAt: null,
      reviewComment: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      missingFigures,
    };
    try {
      await insertReport(trx, report);
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyReported(periodKey);
      throw error;
    }
    await insertFigures(trx, report.id, figures);
    const created = await record(trx, actor, {
      action: 'create',
      comment: null,
      before: null,
      after: { report, figures },
    });
    // A new report's history is its creation; it has no evidence yet.
    return {
      report,
      reviewOfficeId: checks.reviewOfficeId,
      figures,
      events: [created],
      evidence: [],
      lockedSince: null,
    };
  });
}

/** The office's own writing, which a period's lock stops; reviewing stays open after it. */
const OFFICE_WRITES: readonly ReportAction[] = ['edit', 'submit', 'withdraw', 'attach', 'detach'];

/** What a change makes of a report. */
interface Change {
  readonly report: Report;
  readonly figures?: ReportFigure[];
  readonly comment?: string | null;
  readonly fileName?: string;
}

/** The writers' check: an administrator, or a reporter of the report's office. */
async function ownerAccess(actor: ReportActor, report: Report): Promise<void> {
  checkWriter(actor);
  checkOwner(actor, report);
}

/**
 * Apply a change to a report in one transaction: load it, check the actor (by default: one of its
 * writers), its state and version, write the new row (version bumped), the figures when they
 * change, an event and an audit record.
 */
async function changeReport(
  db: Kysely<Database>,
  actor: ReportActor,
  props: { id: string; version: number },
  clock: Clock,
  action: ReportAction,
  change: (report: Report, trx: Kysely<Database>, reviewOfficeId: string | null, lock: PeriodLock) => Promise<Change>,
  access: (actor: ReportActor, report: Report, reviewOfficeId: string | null) => Promise<void> = ownerAccess,
): Promise<ReportDetail> {
  return db.transaction().execute(async (trx) => {
    const found = await findReportToChange(trx, props.id);
    if (!found) throw notFound(REPORT);
    const { report: before, reviewOfficeId } = found;
    await access(actor, before, reviewOfficeId);
    const beforeFigures = await listFigures(trx, before.id);
    if (OFFICE_WRITES.includes(action)) checkUnlocked(before.periodKey, found.lock, chinaToday(clock));
    const changed = await change(before, trx, reviewOfficeId, found.lock);
    if (before.version !== props.version) throw staleVersion(THE_REPORT);
    const report: Report = { ...changed.report, version: before.version + 1, updatedAt: nowIso(clock) };
    if (!(await updateReportRow(trx, report, before.version))) throw staleVersion(THE_REPORT);
    if (changed.figures) await replaceFigures(trx, report.id, changed.figures);
    const figures = changed.figures ?? beforeFigures;
    await record(trx, actor, {
      action,
      comment: changed.comment ?? null,
      fileName: changed.fileName,
      before: { report: before, figures: beforeFigures },
      after: { report, figures },
    });
    return {
      report,
      reviewOfficeId,
      ofPlanOffice: found.ofPlanOffice,
      figures,
      events: await listEvents(trx, report.id),
      // Only an attach gives evidence to a report that had none.
      evidence: found.hasEvidence || action === 'attach' ? await listEvidence(trx, report.id) : [],
      // A write went through, so the period was open for the office.
      lockedSince: null,
    };
  });
}

const EDITABLE: readonly ReportStatus[] = ['draft', 'returned'];

/** `doing` names the refused act: { en: 'edit', zh: '修改' }. */
function checkEditable(report: Report, doing: Words): void {
  if (EDITABLE.includes(report.status)) return;
  const why: Words =
    report.status === 'accepted'
      ? { en: 'it has been accepted', zh: '已审核通过' }
      : {
          en: 'it has been submitted and waits for review; ask for it to be returned',
          zh: '已提交,正在等待审核;如需修改,请联系审核单位退回',
        };
  throw new AppError('conflict', {
    en: `You cannot ${doing.en} this report: ${why.en}`,
    zh: `此报送不能${doing.zh}:${why.zh}`,
  });
}

function cleanReviewComment(comment: string | null | undefined, decision: 'pass' | 'accept' | 'return'): string | null {
  const text = comment == null ? null : cleanText(comment, COMMENT_MAX, 'comment') || null;
  if (decision === 'return' && text === null) {
    throw new AppError(
      'bad-input',
      { en: 'Say why the report goes back to its office', zh: '请说明退回原因' },
      'comment',
    );
  }
  return text;
}

export interface UpdateReportProps {
  readonly id: string;
  readonly version: number;
  readonly progress?: ReportProgress | undefined;
  readonly narrative?: string | undefined;
  readonly goodPractice?: boolean | undefined;
  readonly goodPracticeSummary?: string | null | undefined;
  /** When given, replaces every figure. */
  readonly figures?: readonly FigureInput[] | undefined;
  /** When given, replaces every reason for a missing figure. */
  readonly missingFigures?: readonly MissingFigure[] | undefined;
}

/** Edit a draft or returned report of one's office; audited, kept in its history. */
export async function updateReport(
  db: Kysely<Database>,
  actor: ReportActor,
  props: UpdateReportProps,
  clock: Clock = systemClock,
): Promise<ReportDetail> {
  return changeReport(db, actor, props, clock, 'edit', async (r, trx) => {
    checkEditable(r, { en: 'edit', zh: '修改' });
    const figures = props.figures ? await checkFigures(trx, r.taskId, props.figures, r.officeId) : undefined;
    const given = figures ?? (await listFigures(trx, r.id));
    const missingFigures =
      props.missingFigures === undefined
        ? r.missingFigures.filter((m) => !given.some((f) => f.targetId === m.targetId))
        : await checkMissingFigures(trx, r.taskId, props.missingFigures, given);
    const summary =
      props.goodPracticeSummary === undefined
        ? r.goodPracticeSummary
        : props.goodPracticeSummary === null
          ? null
          : cleanText(props.goodPracticeSummary, SUMMARY_MAX, 'goodPracticeSummary') || null;
    return {
      report: {
        ...r,
        progress: props.progress ?? r.progress,
        narrative: props.narrative === undefined ? r.narrative : cleanText(props.narrative, NARRATIVE_MAX, 'narrative'),
        goodPractice: props.goodPractice ?? r.goodPractice,
        goodPracticeSummary: summary,
        missingFigures,
      },
      ...(figures ? { figures } : {}),
    };
  });
}

/** Hand a draft or returned report in for review; late when handed in after its due date (China time). */
export async function submitReport(
  db: Kysely<Database>,
  actor: ReportActor,
  props: { id: string; version: number },
  clock: Clock = systemClock,
): Promise<ReportDetail> {
  return changeReport(db, actor, props, clock, 'submit', async (r, trx, _reviewOfficeId, lock) => {
    checkEditable(r, { en: 'submit', zh: '提交' });
    await checkComplete(trx, r);
    const now = nowIso(clock);
    // Late as the status counts it: after the due date, or an exception's later date.
    const until = lock.latestExceptionUntil;
    const allowed = r.dueDate !== null && until !== null && until > r.dueDate ? until : r.dueDate;
    return {
      report: {
        ...r,
        status: 'submitted',
        submittedAt: now,
        late: allowed !== null && isLate(now, allowed),
        reviewedBy: null,
        reviewedAt: null,
        reviewComment: null,
      },
    };
  });
}

/**
 * Take a submitted report back to draft before anyone has reviewed it (撤回): the office found
 * something to fix. Once the office above has passed it on, or the plan office has acted, it is
 * theirs; the period's lock stops it too, as a withdrawn report could not be handed in again.
 */
export async function withdrawReport(
  db: Kysely<Database>,
  actor: ReportActor,
  props: { id: string; version: number },
  clock: Clock = systemClock,
): Promise<ReportDetail> {
  return changeReport(db, actor, props, clock, 'withdraw', async (r) => {
    if (r.status !== 'submitted') {
      const why: Words =
        r.status === 'reviewed'
          ? { en: 'the office above has already passed it on', zh: '上级单位已初审通过' }
          : r.status === 'accepted'
            ? { en: 'it has been accepted', zh: '已审核通过' }
            : { en: 'it has not been submitted', zh: '尚未提交' };
      throw new AppError('conflict', {
        en: `Only a submitted report not yet reviewed can be withdrawn: ${why.en}`,
        zh: `只有已提交且尚未审核的报送才能撤回:${why.zh}`,
      });
    }
    return { report: { ...r, status: 'draft', submittedAt: null, late: false } };
  });
}

const MISSING_REASON_MAX = 500;

/**
 * Reasons for missing figures checked against the task's targets; a reason for a target that has
 * a figure, or a blank one, is not kept (the figure says more).
 */
async function checkMissingFigures(
  db: Kysely<Database>,
  taskId: string,
  inputs: readonly MissingFigure[],
  figures: readonly ReportFigure[],
): Promise<MissingFigure[]> {
  if (inputs.length > FIGURES_MAX) {
    throw new AppError(
      'bad-input',
      { en: `At most ${FIGURES_MAX} reasons`, zh: `最多填写 ${FIGURES_MAX} 条原因` },
      'missingFigures',
    );
  }
  const targets = new Map((await listTaskTargets(db, taskId)).map((t) => [t.id, t]));
  const seen = new Set<string>();
  const kept: MissingFigure[] = [];
  inputs.forEach((m, i) => {
    if (!targets.has(m.targetId)) {
      throw new AppError(
        'bad-input',
        {
          en: `The target ${m.targetId} is not a target of this report’s task`,
          zh: `编号为 ${m.targetId} 的指标不属于该报送的工作事项`,
        },
        `missingFigures.${i}.targetId`,
      );
    }
    if (seen.has(m.targetId)) {
      throw new AppError(
        'bad-input',
        { en: 'A target may have one reason only', zh: '每个指标只能填写一条原因' },
        `missingFigures.${i}.targetId`,
      );
    }
    seen.add(m.targetId);
    const reason = cleanText(m.reason, MISSING_REASON_MAX, `missingFigures.${i}.reason`);
    if (reason !== '' && !figures.some((f) => f.targetId === m.targetId)) kept.push({ targetId: m.targetId, reason });
  });
  return kept;
}

/**
 * Refuse (400) handing in a report that says nothing: core's submissionProblems decides (a
 * narrative, and a figure or a stated reason for each target due).
 */
async function checkComplete(db: Kysely<Database>, r: Report): Promise<void> {
  const targets = await listTaskTargets(db, r.taskId);
  const figures = await listFigures(db, r.id);
  const [problem] = submissionProblems(
    { narrative: r.narrative, figures, missingFigures: r.missingFigures },
    targets,
    r.officeId,
  );
  if (!problem) return;
  if (problem.code === 'narrative') {
    throw new AppError(
      'bad-input',
      {
        en: 'Say what was done this period (the narrative) before submitting',
        zh: '提交前请填写本期工作进展(进展情况)',
      },
      'narrative',
    );
  }
  const text = (targets[problem.index]?.text ?? '').slice(0, 40);
  throw new AppError(
    'bad-input',
    {
      en: `Give a figure for the target "${text}", or say why it is missing, before submitting`,
      zh: `提交前请填写指标“${text}”的完成值,或说明未填写的原因`,
    },
    `targets.${problem.index}`,
  );
}

/** Why a report is not waiting at a stage of review, as a 409. */
function notAwaiting(r: Report): AppError {
  const now: Words =
    r.status === 'accepted'
      ? { en: 'has already been accepted', zh: '已审核通过' }
      : r.status === 'returned'
        ? { en: 'has been returned to its office', zh: '已退回报送单位' }
        : { en: 'has not been submitted', zh: '尚未提交' };
  return new AppError('conflict', {
    en: `Only a report handed in can be reviewed; this one ${now.en}`,
    zh: `只有已提交的报送才能审核;此报送${now.zh}`,
  });
}

function onlyAdminReviews(): AppError {
  return new AppError('forbidden', {
    en: 'Only an administrator reviews reports',
    zh: '只有管理员(基层办)可以审核报送',
  });
}

/**
 * No one judges their own work: a report of the office that runs the plan (its plan office) is
 * reviewed by a leader, not by the administrators of that office; any other by an administrator.
 */
async function checkPlanReviewer(trx: Kysely<Database>, actor: ReportActor, r: Report): Promise<void> {
  const own = (await findPlanOfficeOfTask(trx, r.taskId)) === r.officeId;
  if (own && actor.role !== 'leader') {
    throw new AppError('forbidden', {
      en: 'This is a report of the plan office itself: a leader reviews it, not the plan office',
      zh: '这是基层办本单位的报送,须由区领导审核,基层办不能审核自己的报送',
    });
  }
  if (!own && actor.role !== 'admin') throw onlyAdminReviews();
}

/**
 * The plan office's review: accept a report, or return it to its office with a comment saying
 * why; a report of the plan office itself, a leader's review. A report of an office with an office above waits for that office to pass it on first.
 */
export async function reviewReport(
  db: Kysely<Database>,
  actor: ReportActor,
  props: { id: string; version: number; decision: 'accept' | 'return'; comment?: string | null | undefined },
  clock: Clock = systemClock,
): Promise<ReportDetail> {
  if (actor.role !== 'admin' && actor.role !== 'leader') throw onlyAdminReviews();
  const comment = cleanReviewComment(props.comment, props.decision);
  // Who may: checked in the transaction, against the plan office the report's plan names.
  const access = async () => {};
  return changeReport(
    db,
    actor,
    props,
    clock,
    props.decision,
    async (r, trx, reviewOfficeId) => {
      await checkPlanReviewer(trx, actor, r);
      const stage = nextReviewer(r.status, reviewOfficeId);
      if (stage === 'office-above') {
        const name = reviewOfficeId && (await officeName(trx, reviewOfficeId));
        throw new AppError('conflict', {
          en: `${name ?? 'the office above'} reviews this report first; it comes to the plan office once they pass it on`,
          zh: `此报送须先由${name ?? '上级单位'}初审,通过后再由基层办审核`,
        });
      }
      if (stage === null) throw notAwaiting(r);
      const decision = props.decision === 'accept' ? 'accepted' : 'returned';
      await notifyReportReviewed(trx, { report: r, decision, comment, at: nowIso(clock) });
      return {
        report: {
          ...r,
          status: decision,
          reviewedBy: actor.id,
          reviewedAt: nowIso(clock),
          reviewComment: comment,
        },
        comment,
      };
    },
    access,
  );
}

/**
 * The first review, by the office above the report's office (a street office over its
 * community): pass the report on to the plan office, or return it to its office saying why.
 */
export async function reviewAsOfficeAbove(
  db: Kysely<Database>,
  actor: ReportActor,
  props: { id: string; version: number; decision: 'pass' | 'return'; comment?: string | null | undefined },
  clock: Clock = systemClock,
): Promise<ReportDetail> {
  const comment = cleanReviewComment(props.comment, props.decision);
  const action = props.decision === 'pass' ? 'review' : 'return';
  const access = async (a: ReportActor, _r: Report, reviewOfficeId: string | null) => {
    if (a.role === 'reporter' && a.officeId !== null && a.officeId === reviewOfficeId) return;
    throw new AppError('forbidden', {
      en: 'Only a reporter of the office directly above the report’s office reviews it first',
      zh: '只有报送单位的直接上级单位的报送员可以初审',
    });
  };
  return changeReport(
    db,
    actor,
    props,
    clock,
    action,
    async (r, trx, reviewOfficeId) => {
      const stage = nextReviewer(r.status, reviewOfficeId);
      if (stage === 'plan-office') {
        throw new AppError('conflict', {
          en: 'This report has passed the office above and waits for the plan office',
          zh: '此报送已通过上级单位初审,正在等待基层办审核',
        });
      }
      if (stage === null) throw notAwaiting(r);
      if (props.decision === 'return')
        await notifyReportReviewed(trx, { report: r, decision: 'returned', comment, at: nowIso(clock) });
      return {
        report: {
          ...r,
          status: props.decision === 'pass' ? 'reviewed' : 'returned',
          reviewedBy: actor.id,
          reviewedAt: nowIso(clock),
          reviewComment: comment,
        },
        comment,
      };
    },
    access,
  );
}

export const EVIDENCE_MAX = 50;
const ADD_EVIDENCE: Words = { en: 'add evidence to', zh: '上传佐证材料' };
const NAME_MAX = 255;

export interface AddEvidenceProps {
  readonly id: string;
  readonly version: number;
  /** The folder of evidence files (evidence.store.ts filesDir). */
  readonly filesDir: string;
  readonly name: string;
  readonly mime: string;
  readonly bytes: Uint8Array;
}

/**
 * Attach a file to a draft or returned report. The bytes are stored first, under their hash:
 * a failed transaction leaves at most an unreferenced file, never a record without its bytes.
 */
export async function addEvidence(
  db: Kysely<Database>,
  actor: ReportActor,
  props: AddEvidenceProps,
  clock: Clock = systemClock,
): Promise<ReportDetail> {
  if (props.bytes.length === 0) throw new AppError('bad-input', { en: 'The file is empty', zh: '文件是空的' }, 'file');
  // A file name is shown and offered back for download: keep it to one plain line.
  const name =
    props.name
      .replace(/[\\/\p{Cc}]+/gu, '_')
      .trim()
      .slice(0, NAME_MAX) || 'file';
  const mime = /^[\w.+-]+\/[\w.+-]+$/u.test(props.mime) ? props.mime.toLowerCase() : 'application/octet-stream';
  // Check before writing anything to disk; the transaction checks again.
  const current = await loadReport(db, props.id);
  checkOwner(actor, current);
  checkEditable(current, ADD_EVIDENCE);
  const sha256 = await storeBlob(props.filesDir, props.bytes);
  return changeReport(db, actor, props, clock, 'attach', async (r, trx) => {
    checkEditable(r, ADD_EVIDENCE);
    if ((await listEvidence(trx, r.id)).length >= EVIDENCE_MAX) {
      throw new AppError('conflict', {
        en: `A report may have at most ${EVIDENCE_MAX} evidence files`,
        zh: `每份报送最多上传 ${EVIDENCE_MAX} 个佐证材料`,
      });
    }
    const file: EvidenceFile = {
      id: newId(),
      reportId: r.id,
      sha256,
      name,
      mime,
      size: props.bytes.length,
      createdAt: nowIso(clock),
    };
    await insertEvidence(trx, file);
    await insertAudit(trx, {
      userId: actor.id,
      action: 'create',
      entity: 'evidence_file',
      entityId: file.id,
      after: file,
    });
    return { report: r, fileName: name };
  });
}

/**
 * Take an evidence file off a draft or returned report. Its bytes stay in the files folder (other
 * reports may share them, and the audit record names them); the history keeps the file's name.
 */
export async function removeEvidence(
  db: Kysely<Database>,
  actor: ReportActor,
  props: { id: string; version: number; fileId: string },
  clock: Clock = systemClock,
): Promise<ReportDetail> {
  return changeReport(db, actor, props, clock, 'detach', async (r, trx) => {
    const file = await findEvidence(trx, r.id, props.fileId);
    if (!file) throw notFound(EVIDENCE_FILE);
    checkEditable(r, { en: 'remove evidence from', zh: '移除佐证材料' });
    await deleteEvidence(trx, r.id, file.id);
    await insertAudit(trx, {
      userId: actor.id,
      action: 'delete',
      entity: 'evidence_file',
      entityId: file.id,
      before: file,
    });
    return { report: r, fileName: file.name };
  });
}

/** An evidence file of a report the actor may read, with its bytes. */
export async function readEvidence(
  db: Kysely<Database>,
  actor: ReportActor,
  props: { reportId: string; fileId: string; filesDir: string },
): Promise<{ file: EvidenceFile; bytes: Buffer }> {
  const report = await loadReport(db, props.reportId);
  await checkReader(db, actor, report);
  const file = await findEvidence(db, report.id, props.fileId);
  if (!file) throw notFound(EVIDENCE_FILE);
  const bytes = await readBlob(props.filesDir, file.sha256);
  if (!bytes) {
    throw new AppError('not-found', {
      en: 'The evidence file’s content is missing from the files folder',
      zh: '该佐证材料的文件内容已丢失,文件目录中找不到',
    });
  }
  return { file, bytes };
}

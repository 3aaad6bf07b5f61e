/** Tables of the ledgers (台账), the problem ledger (问题台账) and supervision orders (督办单). */

/** Fields every office ledger row carries: who wrote it and when, and its edit version. */
interface LedgerRowBase {
  id: string;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A leader's linked community (挂点联系). */
export interface LinkTable extends LedgerRowBase {
  person: string;
  person_title: string;
  /** The leader's office; null for a district leader without one. */
  office_id: string | null;
  /** The community or street office the leader is linked to. */
  community_office_id: string;
  since: string | null;
}

/** A visit (走访) of a community. */
export interface VisitTable extends LedgerRowBase {
  link_id: string | null;
  person: string;
  office_id: string;
  community_office_id: string;
  date: string;
  duration_hours: number;
  notes: string;
  problems_raised: string;
}

/** A people's-conditions diary entry (民情日记). */
export interface DiaryTable extends LedgerRowBase {
  cadre: string;
  office_id: string;
  date: string;
  text: string;
  problems_raised: string;
}

export interface MeetingTable extends LedgerRowBase {
  level: 'district' | 'street';
  office_id: string;
  date: string;
  topic: string;
  attendance: number;
}

export interface TrainingTable extends LedgerRowBase {
  office_id: string;
  date: string;
  topic: string;
  attendees: number;
}

export const PROBLEM_CATEGORIES = ['safety-hazard', 'dispute', 'livelihood', 'other'] as const;
export const PROBLEM_SOURCES = ['diary', 'visit', 'inspection', 'hotline', 'report'] as const;
export const PROBLEM_STATUSES = ['open', 'in-progress', 'closed'] as const;

/** The problem ledger (问题台账). */
export interface ProblemTable {
  id: string;
  title: string;
  description: string;
  category: (typeof PROBLEM_CATEGORIES)[number];
  place: string;
  source: (typeof PROBLEM_SOURCES)[number];
  /** The ledger entry it came from (a visit, a diary…), when there is one. */
  source_id: string | null;
  owner_office_id: string;
  /** The plan the problem belongs to (its dashboard counts it); null: none. */
  plan_id: string | null;
  deadline: string | null;
  status: (typeof PROBLEM_STATUSES)[number];
  /** The closed problem this one reopens. */
  reopened_from: string | null;
  /** When it closed; null while it is open or in progress. */
  closed_at: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export const ORDER_STATES = [
  'drafted',
  'approved',
  'issued',
  'signed',
  'handling',
  'rectified',
  'verified',
  'closed',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/** A supervision order (督办单) on a problem or a plan task. */
export interface OrderTable {
  id: string;
  problem_id: string | null;
  task_id: string | null;
  lead_office_id: string;
  /** JSON array of office ids. */
  support_office_ids: string;
  deadline: string;
  state: OrderState;
  /** The highest escalation level at which the order was urged (催办), 0..3. */
  escalation_level: number;
  created_by: string | null;
  approved_by: string | null;
  rectified_by: string | null;
  verified_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** What happened to an order: each transition, feedback, urging and verification result. */
export interface OrderEventTable {
  id: string;
  order_id: string;
  at: string;
  user_id: string | null;
  action: string;
  comment: string | null;
  /** JSON array of attachment references. */
  attachments: string;
}

/** What happened to a problem: recorded, edited, assigned, closed with a note, reopened. */
export interface ProblemEventTable {
  id: string;
  problem_id: string;
  at: string;
  user_id: string | null;
  action: string;
  comment: string | null;
  /** JSON { field: [before, after] } of what the step changed. */
  changes: string;
}

/** A client's request key and the first answer to it, replayed to a repeat for a day. */
export interface IdempotencyKeyTable {
  user_id: string;
  route: string;
  key: string;
  request_hash: string;
  /** Null while the first request is being handled. */
  status: number | null;
  response: string | null;
  created_at: string;
}

export interface LedgerTables {
  links: LinkTable;
  visits: VisitTable;
  diaries: DiaryTable;
  meetings: MeetingTable;
  trainings: TrainingTable;
  problems: ProblemTable;
  orders: OrderTable;
  order_events: OrderEventTable;
  problem_events: ProblemEventTable;
  idempotency_keys: IdempotencyKeyTable;
}

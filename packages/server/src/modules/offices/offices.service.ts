import { type Directory, directoryKey } from '@duban/core';
import type { Kysely } from 'kysely';
import { newId } from '../../db/ids.ts';
import { type Database, OFFICE_KINDS, type OfficeGroupRow, type OfficeKind } from '../../db/schema.ts';
import { DEMO_GROUPS, DEMO_OFFICES } from '../../demo/directory.ts';
import type { SessionUser } from '../../http/access.ts';
import { AppError, notFound, staleVersion, type Words } from '../../http/errors.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { noteDirectoryChange } from '../plans/plans.service.ts';
import {
  countGroupAssignments,
  countOfficeReferences,
  countOffices,
  deleteGroupRow,
  deleteOfficeRow,
  findGroup,
  findOffice,
  insertGroup,
  insertOffice,
  isUniqueViolation,
  listGroupRows,
  listMemberships,
  listOfficeRows,
  memberCounts,
  missingOfficeIds,
  type Office,
  type OfficeGroup,
  setGroupMembers,
  updateGroupRow,
  updateOfficeRow,
} from './offices.repository.ts';

const OFFICE: Words = { en: 'Office', zh: '单位' };
const GROUP: Words = { en: 'Office group', zh: '单位组' };
const officeNamed = (name: string): Words => ({ en: `Office ${name}`, zh: `单位“${name}”` });
const groupNamed = (name: string): Words => ({ en: `Group ${name}`, zh: `单位组“${name}”` });

/** The kinds as the Chinese UI names them, for the message that lists them. */
const KIND_NAMES_ZH: Record<OfficeKind, string> = {
  'party-department': '党委部门',
  'government-department': '政府部门',
  'street-office': '街道办事处',
  'street-party-committee': '街道党工委',
  community: '社区',
  'vertical-agency': '垂直管理单位',
  'mass-organisation': '群团组织',
  other: '其他',
};

/** Who makes a change: a signed-in user, or null for the system (the `duban demo` seed). */
export type Actor = Pick<SessionUser, 'id'> | null;

/** An office with the groups it belongs to. */
export interface OfficeView extends Office {
  readonly groups: readonly { readonly id: string; readonly name: string }[];
}

/** A group with its members. */
export interface GroupView extends OfficeGroup {
  readonly members: readonly { readonly id: string; readonly name: string; readonly kind: OfficeKind }[];
}

export const NAME_MAX = 100;
export const ALIASES_MAX = 50;

/**
 * Run a write `fn` in a transaction, or in the caller's when `db` already is one (imports commit
 * this way). Each counts as a directory change, which plan reads show (noteDirectoryChange).
 */
function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  const write = async (trx: Kysely<Database>) => {
    await noteDirectoryChange(trx);
    return fn(trx);
  };
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}

function cleanName(name: string, field: string): string {
  const n = name.trim().replace(/\s+/gu, ' ');
  if (!n) throw new AppError('bad-input', { en: 'A name may not be empty', zh: '名称不能为空' }, field);
  if (n.length > NAME_MAX) {
    throw new AppError(
      'bad-input',
      { en: `A name may be at most ${NAME_MAX} characters`, zh: `名称不能超过 ${NAME_MAX} 个字符` },
      field,
    );
  }
  return n;
}

/** Aliases trimmed, each once (compared as the resolver compares them), none equal to the name. */
function cleanAliases(aliases: readonly string[], name: string): string[] {
  const seen = new Set([directoryKey(name)]);
  const out: string[] = [];
  for (const a of aliases) {
    const alias = cleanName(a, 'aliases');
    const key = directoryKey(alias);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(alias);
  }
  if (out.length > ALIASES_MAX) {
    throw new AppError(
      'bad-input',
      { en: `At most ${ALIASES_MAX} aliases`, zh: `别名不能超过 ${ALIASES_MAX} 个` },
      'aliases',
    );
  }
  return out;
}

function checkKind(kind: string): OfficeKind {
  if (!(OFFICE_KINDS as readonly string[]).includes(kind)) {
    throw new AppError(
      'bad-input',
      {
        en: `Unknown office kind "${kind}"; use one of ${OFFICE_KINDS.join(', ')}`,
        zh: `未知的单位类型“${kind}”,请使用以下之一:${OFFICE_KINDS.map((k) => `${k}(${KIND_NAMES_ZH[k]})`).join('、')}`,
      },
      'kind',
    );
  }
  return kind as OfficeKind;
}

/**
 * Refuse a name or alias another office or group already answers to: the importer resolves
 * mentions by these names, and two owners of one name would make them ambiguous. Names are
 * compared as the resolver compares them (區民政局 = 区民政局).
 */
async function checkNamesFree(
  db: Kysely<Database>,
  self: { kind: 'office' | 'group'; id: string | null },
  name: string,
  aliases: readonly string[],
): Promise<void> {
  const owners = new Map<string, Words>();
  const note = (key: string, what: Words) => {
    if (!owners.has(key)) owners.set(key, what);
  };
  for (const o of await listOfficeRows(db)) {
    if (self.kind === 'office' && o.id === self.id) continue;
    note(directoryKey(o.name), { en: `the office ${o.name}`, zh: `单位“${o.name}”的名称` });
    for (const a of o.aliases) {
      note(directoryKey(a), { en: `an alias of the office ${o.name}`, zh: `单位“${o.name}”的别名` });
    }
  }
  for (const g of await listGroupRows(db)) {
    if (self.kind === 'group' && g.id === self.id) continue;
    note(directoryKey(g.name), { en: `the group ${g.name}`, zh: `单位组“${g.name}”的名称` });
    for (const a of g.aliases) {
      note(directoryKey(a), { en: `an alias of the group ${g.name}`, zh: `单位组“${g.name}”的别名` });
    }
  }
  const taken = owners.get(directoryKey(name));
  if (taken) {
    throw new AppError(
      'conflict',
      { en: `The name "${name}" is already taken: it is ${taken.en}`, zh: `名称“${name}”已被占用:与${taken.zh}相同` },
      'name',
    );
  }
  for (const a of aliases) {
    const owner = owners.get(directoryKey(a));
    if (owner) {
      throw new AppError(
        'conflict',
        { en: `The alias "${a}" is already taken: it is ${owner.en}`, zh: `别名“${a}”已被占用:与${owner.zh}相同` },
        'aliases',
      );
    }
  }
}

/** A parent that exists and would not make the office its own ancestor. */
async function checkParent(db: Kysely<Database>, officeId: string | null, parentId: string | null): Promise<void> {
  if (parentId === null) return;
  if (parentId === officeId) {
    throw new AppError(
      'bad-input',
      { en: 'An office cannot be its own parent', zh: '单位不能是自己的上级单位' },
      'parentId',
    );
  }
  const seen = new Set<string>();
  let at: string | null = parentId;
  while (at !== null && !seen.has(at)) {
    seen.add(at);
    const p = await findOffice(db, at);
    if (!p) {
      throw new AppError(
        'bad-input',
        at === parentId
          ? { en: `No office with id ${parentId} to be the parent`, zh: `找不到编号为 ${parentId} 的上级单位` }
          : { en: 'The parent chain is broken', zh: '上级单位链条不完整' },
        'parentId',
      );
    }
    if (officeId !== null && p.parentId === officeId) {
      throw new AppError(
        'bad-input',
        {
          en: 'That parent is inside this office: offices would form a loop',
          zh: '所选上级单位是本单位的下级单位,会形成循环',
        },
        'parentId',
      );
    }
    at = p.parentId;
  }
}

/** The database refused a duplicate that our check did not see (two writers at once). */
function rethrowDuplicate(error: unknown, name: string): never {
  if (isUniqueViolation(error)) {
    throw new AppError('conflict', { en: `The name "${name}" is already taken`, zh: `名称“${name}”已被占用` }, 'name');
  }
  throw error;
}

async function officeView(db: Kysely<Database>, o: Office): Promise<OfficeView> {
  const ms = await listMemberships(db, { officeIds: [o.id] });
  return { ...o, groups: ms.map((m) => ({ id: m.groupId, name: m.groupName })) };
}

async function groupView(db: Kysely<Database>, g: OfficeGroup): Promise<GroupView> {
  const ms = await listMemberships(db, { groupIds: [g.id] });
  return { ...g, members: ms.map((m) => ({ id: m.officeId, name: m.officeName, kind: m.officeKind })) };
}

/** Offices, by name, with their groups; of one kind, or whose name or an alias contains `q`. */
export async function listOffices(
  db: Kysely<Database>,
  filter: { kind?: OfficeKind | undefined; q?: string | undefined } = {},
): Promise<OfficeView[]> {
  let offices = await listOfficeRows(db, filter.kind ? { kind: filter.kind } : {});
  const q = filter.q ? directoryKey(filter.q) : '';
  if (q) offices = offices.filter((o) => [o.name, ...o.aliases].some((n) => directoryKey(n).includes(q)));
  const groups = new Map<string, { id: string; name: string }[]>();
  for (const m of await listMemberships(db)) {
    const list = groups.get(m.officeId) ?? [];
    list.push({ id: m.groupId, name: m.groupName });
    groups.set(m.officeId, list);
  }
  return offices.map((o) => ({ ...o, groups: groups.get(o.id) ?? [] }));
}

/** One office with its groups. */
export async function getOffice(db: Kysely<Database>, id: string): Promise<OfficeView> {
  const o = await findOffice(db, id);
  if (!o) throw notFound(OFFICE);
  return officeView(db, o);
}

export interface CreateOfficeProps {
  readonly name: string;
  readonly kind: string;
  readonly parentId?: string | null | undefined;
  readonly aliases?: readonly string[] | undefined;
}

/** Add an office to the directory; audited. */
export async function createOffice(db: Kysely<Database>, actor: Actor, props: CreateOfficeProps): Promise<OfficeView> {
  const name = cleanName(props.name, 'name');
  const kind = checkKind(props.kind);
  const aliases = cleanAliases(props.aliases ?? [], name);
  const parentId = props.parentId ?? null;
  const now = new Date().toISOString();
  const office: Office = { id: newId(), name, kind, parentId, aliases, version: 1, createdAt: now, updatedAt: now };
  return inTransaction(db, async (trx) => {
    await checkNamesFree(trx, { kind: 'office', id: null }, name, aliases);
    await checkParent(trx, null, parentId);
    await insertOffice(trx, office).catch((e: unknown) => rethrowDuplicate(e, name));
    await insertAudit(trx, {
      userId: actor?.id ?? null,
      action: 'create',
      entity: 'office',
      entityId: office.id,
      after: office,
    });
    return { ...office, groups: [] };
  });
}

export interface UpdateOfficeProps {
  readonly id: string;
  readonly version: number;
  readonly name?: string | undefined;
  readonly kind?: string | undefined;
  readonly parentId?: string | null | undefined;
  readonly aliases?: readonly string[] | undefined;
}

/** Change an office's name, kind, parent or aliases, if `version` is still current; audited. */
export async function updateOffice(db: Kysely<Database>, actor: Actor, props: UpdateOfficeProps): Promise<OfficeView> {
  return inTransaction(db, async (trx) => {
    const before = await findOffice(trx, props.id);
    if (!before) throw notFound(OFFICE);
    if (before.version !== props.version) throw staleVersion(officeNamed(before.name));
    const name = props.name === undefined ? before.name : cleanName(props.name, 'name');
    const kind = props.kind === undefined ? before.kind : checkKind(props.kind);
    const aliases = cleanAliases(props.aliases ?? before.aliases, name);
    const parentId = props.parentId === undefined ? before.parentId : props.parentId;
    await checkNamesFree(trx, { kind: 'office', id: before.id }, name, aliases);
    if (parentId !== before.parentId) await checkParent(trx, before.id, parentId);
    // Saving what is already there is no edit: no new version, no audit record.
    if (
      name === before.name &&
      kind === before.kind &&
      parentId === before.parentId &&
      sameList(aliases, before.aliases)
    ) {
      return officeView(trx, before);
    }
    const updatedAt = new Date().toISOString();
    const wrote = await updateOfficeRow(
      trx,
      { id: before.id, name, kind, parentId, aliases, updatedAt },
      before.version,
    ).catch((e: unknown) => rethrowDuplicate(e, name));
    if (!wrote) throw staleVersion(officeNamed(before.name));
    const after: Office = { ...before, name, kind, parentId, aliases, updatedAt, version: before.version + 1 };
    await insertAudit(trx, {
      userId: actor?.id ?? null,
      action: 'update',
      entity: 'office',
      entityId: before.id,
      before,
      after,
    });
    return officeView(trx, after);
  });
}

/**
 * Remove an office that nothing refers to (task assignments, users, child offices); its group
 * memberships go with it. `version`, when given, must be current. Audited.
 */
export async function deleteOffice(
  db: Kysely<Database>,
  actor: Actor,
  props: { id: string; version?: number | undefined },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const office = await findOffice(trx, props.id);
    if (!office) throw notFound(OFFICE);
    if (props.version !== undefined && office.version !== props.version) throw staleVersion(officeNamed(office.name));
    const refs = await countOfficeReferences(trx, office.id);
    const uses = [
      refs.assignments ? counted(refs.assignments, ASSIGNMENTS) : null,
      refs.users ? counted(refs.users, { en: 'user', zh: '个用户' }) : null,
      refs.children ? counted(refs.children, { en: 'child office', zh: '个下级单位' }) : null,
    ].filter((u) => u !== null);
    if (uses.length > 0) {
      throw new AppError('conflict', {
        en: `${office.name} cannot be deleted: ${uses.map((u) => u.en).join(', ')} refer to it. Reassign them first.`,
        zh: `无法删除“${office.name}”:仍有 ${uses.map((u) => u.zh).join('、')}关联该单位,请先调整后再删除`,
      });
    }
    const before = await officeView(trx, office);
    await deleteOfficeRow(trx, office.id);
    await insertAudit(trx, {
      userId: actor?.id ?? null,
      action: 'delete',
      entity: 'office',
      entityId: office.id,
      before,
    });
  });
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** 'task assignment' / '项工作事项的责任分工', counted: '2 task assignments' / '2 项工作事项的责任分工'. */
function counted(n: number, what: Words): Words {
  return { en: `${n} ${what.en}${n === 1 ? '' : 's'}`, zh: `${n} ${what.zh}` };
}

const ASSIGNMENTS: Words = { en: 'task assignment', zh: '项工作事项的责任分工' };

/** Groups, by name, with their members. */
export async function listGroups(db: Kysely<Database>): Promise<GroupView[]> {
  const groups = await listGroupRows(db);
  const members = new Map<string, GroupView['members'][number][]>();
  for (const m of await listMemberships(db)) {
    const list = members.get(m.groupId) ?? [];
    list.push({ id: m.officeId, name: m.officeName, kind: m.officeKind });
    members.set(m.groupId, list);
  }
  return groups.map((g) => ({ ...g, members: members.get(g.id) ?? [] }));
}

/** One group with its members. */
export async function getGroup(db: Kysely<Database>, id: string): Promise<GroupView> {
  const g = await findGroup(db, id);
  if (!g) throw notFound(GROUP);
  return groupView(db, g);
}

/** Member ids each once, all of existing offices. */
async function checkMembers(db: Kysely<Database>, members: readonly string[]): Promise<string[]> {
  const ids = [...new Set(members)];
  const missing = await missingOfficeIds(db, ids);
  if (missing.length > 0) {
    throw new AppError(
      'bad-input',
      { en: `No office with id ${missing.join(', ')}`, zh: `找不到编号为 ${missing.join('、')} 的单位` },
      'members',
    );
  }
  return ids;
}

export interface CreateGroupProps {
  readonly name: string;
  readonly aliases?: readonly string[] | undefined;
  readonly mode?: OfficeGroupRow['mode'] | undefined;
  /** Member office ids. */
  readonly members?: readonly string[] | undefined;
}

/** Add a group of offices; audited. */
export async function createGroup(db: Kysely<Database>, actor: Actor, props: CreateGroupProps): Promise<GroupView> {
  const name = cleanName(props.name, 'name');
  const aliases = cleanAliases(props.aliases ?? [], name);
  const now = new Date().toISOString();
  const group: OfficeGroup = {
    id: newId(),
    name,
    aliases,
    mode: props.mode ?? 'fixed',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  return inTransaction(db, async (trx) => {
    await checkNamesFree(trx, { kind: 'group', id: null }, name, aliases);
    const members = await checkMembers(trx, props.members ?? []);
    await insertGroup(trx, group).catch((e: unknown) => rethrowDuplicate(e, name));
    await setGroupMembers(trx, group.id, members);
    const view = await groupView(trx, group);
    await insertAudit(trx, {
      userId: actor?.id ?? null,
      action: 'create',
      entity: 'office-group',
      entityId: group.id,
      after: auditedGroup(view),
    });
    return view;
  });
}

export interface UpdateGroupProps {
  readonly id: string;
  readonly version: number;
  readonly name?: string | undefined;
  readonly aliases?: readonly string[] | undefined;
  readonly mode?: OfficeGroupRow['mode'] | undefined;
  /** The new member office ids, replacing the old. */
  readonly members?: readonly string[] | undefined;
}

/** Change a group's name, aliases, mode or members, if `version` is still current; audited. */
export async function updateGroup(db: Kysely<Database>, actor: Actor, props: UpdateGroupProps): Promise<GroupView> {
  return inTransaction(db, async (trx) => {
    const group = await findGroup(trx, props.id);
    if (!group) throw notFound(GROUP);
    if (group.version !== props.version) throw staleVersion(groupNamed(group.name));
    const before = await groupView(trx, group);
    const name = props.name === undefined ? group.name : cleanName(props.name, 'name');
    const aliases = cleanAliases(props.aliases ?? group.aliases, name);
    const mode = props.mode ?? group.mode;
    await checkNamesFree(trx, { kind: 'group', id: group.id }, name, aliases);
    const members = props.members === undefined ? undefined : await checkMembers(trx, props.members);
    const unchanged =
      name === group.name &&
      mode === group.mode &&
      sameList(aliases, group.aliases) &&
      (members === undefined || sameList([...members].sort(), before.members.map((m) => m.id).sort()));
    if (unchanged) return before;
    const updatedAt = new Date().toISOString();
    const wrote = await updateGroupRow(trx, { id: group.id, name, aliases, mode, updatedAt }, group.version).catch(
      (e: unknown) => rethrowDuplicate(e, name),
    );
    if (!wrote) throw staleVersion(groupNamed(group.name));
    if (members !== undefined) await setGroupMembers(trx, group.id, members);
    const after = await groupView(trx, { ...group, name, aliases, mode, updatedAt, version: group.version + 1 });
    await insertAudit(trx, {
      userId: actor?.id ?? null,
      action: 'update',
      entity: 'office-group',
      entityId: group.id,
      before: auditedGroup(before),
      after: auditedGroup(after),
    });
    return after;
  });
}

/** Remove a group no task assignment names; version, when given, must be current. Audited. */
export async function deleteGroup(
  db: Kysely<Database>,
  actor: Actor,
  props: { id: string; version?: number | undefined },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const group = await findGroup(trx, props.id);
    if (!group) throw notFound(GROUP);
    if (props.version !== undefined && group.version !== props.version) throw staleVersion(groupNamed(group.name));
    const uses = await countGroupAssignments(trx, group.id);
    if (uses > 0) {
      const assignments = counted(uses, ASSIGNMENTS);
      throw new AppError('conflict', {
        en: `${group.name} cannot be deleted: ${assignments.en} refer to it. Reassign them first.`,
        zh: `无法删除“${group.name}”:仍有 ${assignments.zh}关联该单位组,请先调整后再删除`,
      });
    }
    const before = await groupView(trx, group);
    await deleteGroupRow(trx, group.id);
    await insertAudit(trx, {
      userId: actor?.id ?? null,
      action: 'delete',
      entity: 'office-group',
      entityId: group.id,
      before: auditedGroup(before),
    });
  });
}

/** A group as the audit log keeps it: members by id and name. */
function auditedGroup(g: GroupView) {
  return { ...g, members: g.members.map((m) => ({ id: m.id, name: m.name })) };
}

/** The directory the mention resolver works on (`buildResolver(await loadDirectory(db))`). */
export async function loadDirectory(db: Kysely<Database>): Promise<Directory> {
  const [offices, groups, members] = [await listOfficeRows(db), await listGroupRows(db), await memberCounts(db)];
  return {
    offices: offices.map((o) => ({ id: o.id, name: o.name, aliases: o.aliases, kind: o.kind, parentId: o.parentId })),
    groups: groups.map((g) => ({ id: g.id, name: g.name, aliases: g.aliases, memberCount: members.get(g.id) ?? 0 })),
  };
}

/**
 * Load the demo directory (src/demo/directory.ts) into an empty store, in one transaction, each
 * office and group audited as created by `actorId` (null: the system). Does nothing when the
 * store already has offices. Returns how many offices and groups it created.
 */
export async function seedDirectory(
  db: Kysely<Database>,
  actorId: string | null,
): Promise<{ offices: number; groups: number }> {
  const actor: Actor = actorId === null ? null : { id: actorId };
  return inTransaction(db, async (trx) => {
    if ((await countOffices(trx)) > 0) return { offices: 0, groups: 0 };
    const ids = new Map<string, string>();
    const idOf = (name: string) => {
      const id = ids.get(name);
      if (!id) throw new Error(`demo directory: ${name} is named before it is defined`);
      return id;
    };
    for (const o of DEMO_OFFICES) {
      const created = await createOffice(trx, actor, {
        name: o.name,
        kind: o.kind,
        aliases: o.aliases,
        parentId: o.parent === undefined ? null : idOf(o.parent),
      });
      ids.set(o.name, created.id);
    }
    for (const g of DEMO_GROUPS) {
      await createGroup(trx, actor, { name: g.name, aliases: g.aliases, mode: g.mode, members: g.members.map(idOf) });
    }
    return { offices: DEMO_OFFICES.length, groups: DEMO_GROUPS.length };
  });
}

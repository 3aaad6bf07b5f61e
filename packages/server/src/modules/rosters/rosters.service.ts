import { directoryKey } from '@duban/core';
import type { Kysely } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { Database } from '../../db/schema.ts';
import type { SessionUser } from '../../http/access.ts';
import { AppError, notFound, staleVersion, type Words } from '../../http/errors.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import {
  deleteRosterPerson,
  findRosterPerson,
  findRosterPersonByName,
  insertRosterPerson,
  listOfficeNames,
  listRosterRows,
  type RosterPerson,
  updateRosterPerson,
} from './rosters.repository.ts';

export type { RosterPerson } from './rosters.repository.ts';

/**
 * Rosters (人员名册): the people frequency targets judge, by category (区级领导, 区直单位负责人,
 * 驻社区干部, 执法人员 …), each with their office. Admins write, versioned and audited; everyone
 * signed in reads (the compliance table names them).
 */

export type RosterActor = Pick<SessionUser, 'id' | 'role'>;

const PERSON: Words = { en: 'Roster entry', zh: '名册人员' };
export const CATEGORY_MAX = 40;
export const NAME_MAX = 50;
export const TITLE_MAX = 100;
/** Rows one import may hold: a district's rosters run to hundreds, not thousands. */
export const IMPORT_ROWS_MAX = 5000;

export interface PersonInput {
  readonly category: string;
  readonly name: string;
  readonly title?: string | undefined;
  readonly officeId?: string | null | undefined;
}

function requireAdmin(actor: RosterActor): void {
  if (actor.role !== 'admin')
    throw new AppError('forbidden', {
      en: 'Only an administrator edits the rosters',
      zh: '只有管理员可以维护人员名册',
    });
}

function clean(value: string, field: string, max: number, required: boolean): string {
  const v = value.trim().replace(/\s+/gu, ' ');
  if (required && !v)
    throw new AppError(
      'bad-input',
      { en: `The ${field} may not be empty`, zh: `${ZH[field] ?? field}不能为空` },
      field,
    );
  if (v.length > max)
    throw new AppError(
      'bad-input',
      { en: `The ${field} may be at most ${max} characters`, zh: `${ZH[field] ?? field}不能超过 ${max} 个字符` },
      field,
    );
  return v;
}

const ZH: Readonly<Record<string, string>> = { category: '类别', name: '姓名', title: '职务', officeId: '单位' };

async function checkOffice(db: Kysely<Database>, officeId: string | null): Promise<void> {
  if (officeId === null) return;
  const offices = await listOfficeNames(db);
  if (!offices.some((o) => o.id === officeId))
    throw new AppError('bad-input', { en: 'No such office', zh: '没有这个单位' }, 'officeId');
}

/** Everyone on the rosters (of one category when given), by category and name. */
export async function listRoster(
  db: Kysely<Database>,
  props: { category?: string | undefined },
): Promise<RosterPerson[]> {
  return listRosterRows(db, props.category);
}

/** Put a person on a roster; 409 when the category already has someone of that name. */
export async function addPerson(
  db: Kysely<Database>,
  actor: RosterActor,
  props: PersonInput & { readonly now: string },
): Promise<RosterPerson> {
  requireAdmin(actor);
  const person: RosterPerson = {
    id: newId(),
    category: clean(props.category, 'category', CATEGORY_MAX, true),
    name: clean(props.name, 'name', NAME_MAX, true),
    title: clean(props.title ?? '', 'title', TITLE_MAX, false),
    officeId: props.officeId ?? null,
    version: 1,
    createdAt: props.now,
    updatedAt: props.now,
  };
  return db.transaction().execute(async (trx) => {
    await checkOffice(trx, person.officeId);
    if (await findRosterPersonByName(trx, person.category, person.name)) throw nameTaken(person);
    await insertRosterPerson(trx, person);
    await insertAudit(trx, {
      userId: actor.id,
      action: 'create',
      entity: 'roster_person',
      entityId: person.id,
      after: person,
    });
    return person;
  });
}

const nameTaken = (p: { category: string; name: string }) =>
  new AppError(
    'conflict',
    { en: `${p.name} is already on the roster ${p.category}`, zh: `“${p.category}”名册中已有${p.name}` },
    'name',
  );

/** Edit a person with the version read (409 when stale); audited with before and after. */
export async function editPerson(
  db: Kysely<Database>,
  actor: RosterActor,
  props: Partial<PersonInput> & { readonly id: string; readonly version: number; readonly now: string },
): Promise<RosterPerson> {
  requireAdmin(actor);
  return db.transaction().execute(async (trx) => {
    const before = await findRosterPerson(trx, props.id);
    if (!before) throw notFound(PERSON);
    if (before.version !== props.version) throw staleVersion(PERSON);
    const after: RosterPerson = {
      ...before,
      category: props.category === undefined ? before.category : clean(props.category, 'category', CATEGORY_MAX, true),
      name: props.name === undefined ? before.name : clean(props.name, 'name', NAME_MAX, true),
      title: props.title === undefined ? before.title : clean(props.title, 'title', TITLE_MAX, false),
      officeId: props.officeId === undefined ? before.officeId : props.officeId,
      version: before.version + 1,
      updatedAt: props.now,
    };
    await checkOffice(trx, after.officeId);
    const same = await findRosterPersonByName(trx, after.category, after.name);
    if (same && same.id !== after.id) throw nameTaken(after);
    if (!(await updateRosterPerson(trx, after, before.version))) throw staleVersion(PERSON);
    await insertAudit(trx, {
      userId: actor.id,
      action: 'update',
      entity: 'roster_person',
      entityId: after.id,
      before,
      after,
    });
    return after;
  });
}

/** Take a person off the rosters (with the version read, when given); audited. */
export async function removePerson(
  db: Kysely<Database>,
  actor: RosterActor,
  props: { readonly id: string; readonly version?: number | undefined },
): Promise<void> {
  requireAdmin(actor);
  await db.transaction().execute(async (trx) => {
    const before = await findRosterPerson(trx, props.id);
    if (!before) throw notFound(PERSON);
    if (props.version !== undefined && props.version !== before.version) throw staleVersion(PERSON);
    if (!(await deleteRosterPerson(trx, before.id, before.version))) throw staleVersion(PERSON);
    await insertAudit(trx, {
      userId: actor.id,
      action: 'delete',
      entity: 'roster_person',
      entityId: before.id,
      before,
    });
  });
}

export interface ImportResult {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
}

/** A header cell's column: 类别 / 姓名 / 职务 / 单位, or their English names. */
const HEADERS: Readonly<Record<string, 'category' | 'name' | 'title' | 'office'>> = {
  类别: 'category',
  人员类别: 'category',
  category: 'category',
  姓名: 'name',
  name: 'name',
  职务: 'title',
  title: 'title',
  单位: 'office',
  所在单位: 'office',
  office: 'office',
};

/** CSV cells of a line: commas (also full-width) or tabs between, "quoted" cells may hold them. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') quoted = true;
    else if (ch === ',' || ch === '，' || ch === '\t') {
      out.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  out.push(cell.trim());
  return out;
}

/**
 * Import a roster from CSV text (as a spreadsheet saves it): columns 类别, 姓名, 职务, 单位 in that
 * order, or in any order under a header row naming them. A person already on the roster of that
 * category (by name) is updated, anyone else added; nobody is removed. The office is named as the
 * directory names it (or an alias). All or nothing: a bad row is refused with its line number.
 */
export async function importRoster(
  db: Kysely<Database>,
  actor: RosterActor,
  props: { readonly csv: string; readonly now: string },
): Promise<ImportResult> {
  requireAdmin(actor);
  const lines = props.csv
    .replace(/^\uFEFF/u, '')
    .split(/\r?\n/u)
    .map((text, i) => ({ line: i + 1, cells: cells(text) }))
    .filter((l) => l.cells.some((c) => c !== ''));
  let columns: ('category' | 'name' | 'title' | 'office' | null)[] = ['category', 'name', 'title', 'office'];
  const first = lines[0];
  if (first?.cells.some((c) => HEADERS[c.toLowerCase()] === 'name')) {
    columns = first.cells.map((c) => HEADERS[c.toLowerCase()] ?? null);
    lines.shift();
  }
  if (lines.length === 0) throw new AppError('bad-input', { en: 'The file has no rows', zh: '文件中没有人员' }, 'csv');
  if (lines.length > IMPORT_ROWS_MAX)
    throw new AppError(
      'bad-input',
      { en: `At most ${IMPORT_ROWS_MAX} rows at a time`, zh: `一次最多导入 ${IMPORT_ROWS_MAX} 行` },
      'csv',
    );
  return db.transaction().execute(async (trx) => {
    const officeOf = new Map<string, string>();
    for (const o of await listOfficeNames(trx)) {
      for (const n of [o.name, ...(JSON.parse(o.aliases) as string[])]) {
        if (!officeOf.has(directoryKey(n))) officeOf.set(directoryKey(n), o.id);
      }
    }
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const row of lines) {
      const get = (column: 'category' | 'name' | 'title' | 'office') => {
        const i = columns.indexOf(column);
        return i < 0 ? '' : (row.cells[i] ?? '');
      };
      const at = (fn: () => string) => {
        try {
          return fn();
        } catch (error) {
          if (error instanceof AppError)
            throw new AppError(
              'bad-input',
              { en: `Line ${row.line}: ${error.message}`, zh: `第 ${row.line} 行:${error.zh ?? error.message}` },
              'csv',
            );
          throw error;
        }
      };
      const category = at(() => clean(get('category'), 'category', CATEGORY_MAX, true));
      const name = at(() => clean(get('name'), 'name', NAME_MAX, true));
      const title = at(() => clean(get('title'), 'title', TITLE_MAX, false));
      const officeName = get('office').trim();
      let officeId: string | null = null;
      if (officeName) {
        officeId = officeOf.get(directoryKey(officeName)) ?? null;
        if (officeId === null)
          throw new AppError(
            'bad-input',
            {
              en: `Line ${row.line}: no office named ${officeName} in the directory`,
              zh: `第 ${row.line} 行:单位目录中没有“${officeName}”`,
            },
            'csv',
          );
      }
      const before = await findRosterPersonByName(trx, category, name);
      if (!before) {
        const person: RosterPerson = {
          id: newId(),
          category,
          name,
          title,
          officeId,
          version: 1,
          createdAt: props.now,
          updatedAt: props.now,
        };
        await insertRosterPerson(trx, person);
        await insertAudit(trx, {
          userId: actor.id,
          action: 'import',
          entity: 'roster_person',
          entityId: person.id,
          after: person,
        });
        created++;
      } else if (before.title === title && before.officeId === officeId) {
        unchanged++;
      } else {
        const after: RosterPerson = { ...before, title, officeId, version: before.version + 1, updatedAt: props.now };
        if (!(await updateRosterPerson(trx, after, before.version))) throw staleVersion(PERSON);
        await insertAudit(trx, {
          userId: actor.id,
          action: 'import',
          entity: 'roster_person',
          entityId: after.id,
          before,
          after,
        });
        updated++;
      }
    }
    return { created, updated, unchanged };
  });
}

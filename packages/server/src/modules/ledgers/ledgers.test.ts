import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { callAs, ok, seedLedgerUsers } from './testbed.ts';

describe.each(DIALECTS)('office ledgers on %s', (dialect) => {
  let t: TestApp;
  let street: string;
  let other: string;
  let dept: string;
  const cookies: Record<string, string> = {};

  const call = callAs(() => t, cookies);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ street, other, dept } = await seedLedgerUsers(t, cookies));
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps diaries to their office; leaders and inspectors read all but do not write', async () => {
    const diary = ok(
      await call('reporter', 'POST', '/api/ledgers/diaries', {
        cadre: '李四',
        date: '2026-03-05',
        text: '走访独居老人',
      }),
      201,
    );
    expect(diary).toMatchObject({ officeId: street, problemsRaised: '', version: 1 });
    ok(
      await call('otherReporter', 'POST', '/api/ledgers/diaries', { cadre: '王五', date: '2026-03-06', text: '巡查' }),
      201,
    );

    const mine = ok(await call('reporter', 'GET', '/api/ledgers/diaries')).items;
    expect(mine.map((d: { cadre: string }) => d.cadre)).toEqual(['李四']);
    expect(ok(await call('otherReporter', 'GET', `/api/ledgers/diaries?officeId=${street}`)).items).toEqual([]);
    expect((await call('otherReporter', 'GET', `/api/ledgers/diaries/${diary.id}`)).statusCode).toBe(404);
    expect((await call('otherReporter', 'PATCH', `/api/ledgers/diaries/${diary.id}`, { version: 1 })).statusCode).toBe(
      404,
    );
    expect(ok(await call('leader', 'GET', '/api/ledgers/diaries')).items).toHaveLength(2);
    expect(ok(await call('inspector', 'GET', `/api/ledgers/diaries?officeId=${other}`)).items).toHaveLength(1);
    expect(
      (await call('leader', 'POST', '/api/ledgers/diaries', { cadre: 'x', date: '2026-03-05', text: 'y' })).statusCode,
    ).toBe(403);
    // A reporter writes for their own office only.
    expect(
      (
        await call('reporter', 'POST', '/api/ledgers/diaries', {
          officeId: other,
          cadre: 'x',
          date: '2026-03-05',
          text: 'y',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await call('reporter', 'POST', '/api/ledgers/diaries', { cadre: 'x', date: '2026-02-30', text: 'y' }))
        .statusCode,
    ).toBe(400);
  });

  it('edits with the version, refuses a stale one, deletes, and audits each write', async () => {
    const m = ok(
      await call('reporter', 'POST', '/api/ledgers/meetings', {
        level: 'street',
        date: '2026-03-10',
        topic: '安全生产例会',
        attendance: 30,
      }),
      201,
    );
    const edited = ok(await call('reporter', 'PATCH', `/api/ledgers/meetings/${m.id}`, { version: 1, attendance: 32 }));
    expect(edited).toMatchObject({ attendance: 32, version: 2, topic: '安全生产例会' });
    expect(
      (await call('reporter', 'PATCH', `/api/ledgers/meetings/${m.id}`, { version: 1, topic: 'x' })).statusCode,
    ).toBe(409);
    expect((await call('reporter', 'DELETE', `/api/ledgers/meetings/${m.id}?version=1`)).statusCode).toBe(409);
    expect((await call('reporter', 'DELETE', `/api/ledgers/meetings/${m.id}?version=2`)).statusCode).toBe(204);
    expect((await call('reporter', 'GET', `/api/ledgers/meetings/${m.id}`)).statusCode).toBe(404);

    const audit = await t.store.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity', '=', 'meeting')
      .where('entity_id', '=', m.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
    expect(JSON.parse(audit[1]?.after as string).fields.attendance).toBe(32);

    const training = ok(
      await call('admin', 'POST', '/api/ledgers/trainings', {
        officeId: dept,
        date: '2026-03-11',
        topic: '培训',
        attendees: 12,
      }),
      201,
    );
    expect(training.officeId).toBe(dept);
    expect(
      (await call('admin', 'POST', '/api/ledgers/trainings', { date: '2026-03-11', topic: 't', attendees: 1 }))
        .statusCode,
    ).toBe(400);
  });

  it('links leaders to communities or streets, and counts the 三个多少 figures', async () => {
    expect(
      (
        await call('deptReporter', 'POST', '/api/ledgers/links', {
          person: '赵局长',
          personTitle: '局长',
          communityOfficeId: dept,
        })
      ).statusCode,
    ).toBe(400);
    const link = ok(
      await call('deptReporter', 'POST', '/api/ledgers/links', {
        person: '赵局长',
        personTitle: '局长',
        communityOfficeId: street,
        since: '2026-01-01',
      }),
      201,
    );
    expect(link).toMatchObject({ officeId: dept, since: '2026-01-01' });
    ok(
      await call('deptReporter', 'POST', '/api/ledgers/visits', {
        linkId: link.id,
        person: '赵局长',
        communityOfficeId: street,
        date: '2026-04-02',
        durationHours: 1.5,
      }),
      201,
    );
    ok(
      await call('deptReporter', 'POST', '/api/ledgers/visits', {
        person: '钱科长',
        communityOfficeId: street,
        date: '2026-04-20',
        durationHours: 3,
      }),
      201,
    );
    ok(
      await call('deptReporter', 'POST', '/api/ledgers/visits', {
        person: '钱科长',
        communityOfficeId: street,
        date: '2026-05-20',
        durationHours: 2,
      }),
      201,
    );
    expect((await call('deptReporter', 'DELETE', `/api/ledgers/links/${link.id}`)).statusCode).toBe(409);

    const p = ok(
      await call('inspector', 'POST', '/api/problems', {
        title: '井盖缺失',
        category: 'safety-hazard',
        source: 'inspection',
        ownerOfficeId: dept,
      }),
      201,
    );
    ok(
      await call('inspector', 'POST', '/api/problems', {
        title: '占道',
        category: 'other',
        source: 'report',
        ownerOfficeId: dept,
      }),
      201,
    );
    ok(await call('inspector', 'PATCH', `/api/problems/${p.id}`, { version: 1, status: 'closed' }));

    const april = ok(await call('leader', 'GET', '/api/ledgers/three-measures?from=2026-04-01&to=2026-04-30'));
    expect(april).toMatchObject({ visits: 2, linkedVisits: 1, visitHours: 4.5 });
    const all = ok(await call('deptReporter', 'GET', '/api/ledgers/three-measures'));
    expect(all).toMatchObject({ visits: 3, visitHours: 6.5, problemsRaised: 2, problemsSolved: 1 });
    // Another office's reporter sees only its own figures.
    expect(ok(await call('otherReporter', 'GET', '/api/ledgers/three-measures'))).toMatchObject({
      visits: 0,
      problemsRaised: 0,
    });
  });

  it('refuses a negative or fractional count and over-long text, keeping nothing, rather than clamping or cutting', async () => {
    const cases: [string, object, string][] = [
      ['meetings', { level: 'street', date: '2026-03-05', topic: '例会', attendance: -3 }, 'body.attendance'],
      ['meetings', { level: 'street', date: '2026-03-05', topic: '例会', attendance: 2.5 }, 'body.attendance'],
      ['trainings', { date: '2026-03-05', topic: '培训', attendees: -1 }, 'body.attendees'],
      ['diaries', { cadre: '李四', date: '2026-03-05', text: '字'.repeat(20_001) }, 'body.text'],
      ['diaries', { cadre: '李'.repeat(201), date: '2026-03-05', text: '走访' }, 'body.cadre'],
    ];
    for (const [kind, body, field] of cases) {
      const before = await t.store.db
        .selectFrom(kind as 'meetings')
        .select('id')
        .execute();
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/ledgers/${kind}`,
        headers: { cookie: cookies.reporter as string, 'accept-language': 'zh-CN' },
        payload: body,
      });
      expect(r.statusCode, `${kind} ${field}`).toBe(400);
      expect(r.json().error.field).toBe(field);
      expect(r.json().error.message).toMatch(/[\u4e00-\u9fff]/u);
      expect(
        await t.store.db
          .selectFrom(kind as 'meetings')
          .select('id')
          .execute(),
      ).toHaveLength(before.length);
    }
    // 14,000 characters are within the limit and kept whole.
    const text = '民'.repeat(14_000);
    const diary = ok(
      await call('reporter', 'POST', '/api/ledgers/diaries', { cadre: '李四', date: '2026-03-05', text }),
      201,
    );
    expect(ok(await call('reporter', 'GET', `/api/ledgers/diaries/${diary.id}`)).text).toBe(text);
    // An edit is held to the same limits.
    const meeting = ok(
      await call('reporter', 'POST', '/api/ledgers/meetings', {
        level: 'street',
        date: '2026-03-05',
        topic: '例会',
        attendance: 3,
      }),
      201,
    );
    const r = await call('reporter', 'PATCH', `/api/ledgers/meetings/${meeting.id}`, { version: 1, attendance: -3 });
    expect(r.statusCode).toBe(400);
    expect(ok(await call('reporter', 'GET', `/api/ledgers/meetings/${meeting.id}`)).attendance).toBe(3);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { DIALECTS, openTestStore, type TestStore } from '../testing/stores.ts';
import { loadDemo } from './demo.ts';

describe.each(DIALECTS)('the demo on %s', (dialect) => {
  let store: TestStore | null = null;
  afterEach(async () => {
    await store?.drop();
    store = null;
  });

  it('loads the example plan with every office resolved, signs in with the printed password, and survives a restart', async () => {
    store = await openTestStore(dialect);
    const demo = await loadDemo(store.db);
    expect(demo).not.toBeNull();
    if (!demo) return;
    // A second start on the same data loads nothing again.
    expect(await loadDemo(store.db)).toBeNull();

    const restarted = await store.reopen();
    const app = await buildApp({ store: restarted });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: demo.username, password: demo.password },
      });
      expect(login.statusCode).toBe(200);
      const cookie = login.cookies.find((c) => c.name === 'duban_session');
      const r = await app.inject({
        method: 'GET',
        url: `/api/plans/${demo.planId}`,
        headers: { cookie: `duban_session=${cookie?.value}` },
      });
      expect(r.statusCode).toBe(200);
      const plan = r.json() as {
        sections: { tasks: { assignments: { unresolved: boolean; role: string }[]; targets: unknown[] }[] }[];
      };
      const tasks = plan.sections.flatMap((s) => s.tasks);
      expect(plan.sections).toHaveLength(5);
      expect(tasks).toHaveLength(26);
      const assignments = tasks.flatMap((t) => t.assignments);
      expect(assignments.length).toBe(128);
      expect(assignments.filter((a) => a.unresolved)).toEqual([]);
      expect(tasks.every((t) => t.assignments.some((a) => a.role === 'lead'))).toBe(true);
      expect(tasks.flatMap((t) => t.targets)).toHaveLength(42);
    } finally {
      await app.close();
      await restarted.close();
    }
  });
});

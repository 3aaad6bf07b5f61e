import { readFileSync } from 'node:fs';
import { buildResolver, directoryKey, parseText } from '@duban/core';
import { describe, expect, it } from 'vitest';
import { OFFICE_KINDS } from '../db/schema.ts';
import { DEMO_GROUPS, DEMO_OFFICES, DEMO_STREETS } from './directory.ts';

const EXAMPLE = new URL('../../../../examples/luohu-2007-jichu.txt', import.meta.url);

describe('demo directory', () => {
  it('gives every name and alias to one office or group only', () => {
    const owner = new Map<string, string>();
    for (const x of [...DEMO_OFFICES, ...DEMO_GROUPS]) {
      for (const n of [x.name, ...x.aliases]) {
        const key = directoryKey(n);
        expect(owner.get(key), `${n} (${x.name})`).toBeUndefined();
        owner.set(key, x.name);
      }
    }
  });

  it('uses known kinds, and parents and members defined before', () => {
    const names = new Set<string>();
    for (const o of DEMO_OFFICES) {
      expect(OFFICE_KINDS).toContain(o.kind);
      if (o.parent !== undefined) expect(names.has(o.parent), o.parent).toBe(true);
      names.add(o.name);
    }
    for (const g of DEMO_GROUPS) for (const m of g.members) expect(names.has(m), m).toBe(true);
  });

  it('has the ten streets, each an office with its party committee, grouped', () => {
    expect(DEMO_STREETS).toHaveLength(10);
    const kinds = new Map(DEMO_OFFICES.map((o) => [o.name, o.kind]));
    for (const s of DEMO_STREETS) {
      expect(kinds.get(`${s}街道办事处`)).toBe('street-office');
      expect(kinds.get(`${s}街道党工委`)).toBe('street-party-committee');
    }
    const group = (name: string) => DEMO_GROUPS.find((g) => g.name === name);
    expect(group('各街道办事处')?.members).toHaveLength(10);
    expect(group('各街道党工委')?.members).toHaveLength(10);
    expect(group('各基层党(工)委')?.members).toEqual(
      expect.arrayContaining([...(group('各街道党工委')?.members ?? ['x'])]),
    );
    expect(group('有关职能部门')).toMatchObject({ mode: 'fill-in', members: [] });
    expect(group('各派驻单位')).toMatchObject({ mode: 'fill-in', members: [] });
    expect(group('区直机关')?.members).toEqual(expect.arrayContaining(['区发展改革局', '区委组织部']));
  });

  it('answers to every office the example plan names', () => {
    const resolve = buildResolver({
      offices: DEMO_OFFICES.map((o) => ({
        id: o.name,
        name: o.name,
        aliases: o.aliases,
        kind: o.kind,
        parentId: null,
      })),
      groups: DEMO_GROUPS.map((g) => ({ id: g.name, name: g.name, aliases: g.aliases })),
    });
    const plan = parseText(readFileSync(EXAMPLE, 'utf8'));
    const mentions = plan.sections.flatMap((s) => s.items.flatMap((i) => [...i.lead, ...i.support]));
    expect(mentions.length).toBeGreaterThan(50);
    expect(mentions.filter((m) => resolve(m).kind === 'unresolved')).toEqual([]);
  });
});

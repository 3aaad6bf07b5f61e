import { describe, expect, it } from 'vitest';
import { diffRecords, subjectOf } from './api';

describe('diffRecords', () => {
  it('marks changed, same, added and removed keys of an update', () => {
    const lines = diffRecords({ name: 'a', kind: 'x', gone: 1 }, { name: 'b', kind: 'x', aliases: ['c'] });
    expect(lines.map((l) => [l.key, l.kind])).toEqual([
      ['name', 'changed'],
      ['kind', 'same'],
      ['gone', 'removed'],
      ['aliases', 'added'],
    ]);
  });

  it('shows a creation as every key added and a deletion as every key removed', () => {
    expect(diffRecords(null, { name: 'a' })).toEqual([
      { key: 'name', kind: 'added', before: undefined, after: 'a', hasBefore: false, hasAfter: true },
    ]);
    expect(diffRecords({ name: 'a' }, null).map((l) => l.kind)).toEqual(['removed']);
  });

  it('compares nested values by their JSON and non-objects as one line', () => {
    expect(diffRecords({ a: [1, 2] }, { a: [1, 2] })[0]?.kind).toBe('same');
    expect(diffRecords('x', 'y')).toEqual([
      { key: '', kind: 'changed', before: 'x', after: 'y', hasBefore: true, hasAfter: true },
    ]);
  });
});

describe('subjectOf', () => {
  it('names the row by its name, title or username', () => {
    expect(subjectOf({ before: null, after: { id: '1', name: '区测试局' } })).toBe('区测试局');
    expect(subjectOf({ before: { title: '要点' }, after: null })).toBe('要点');
    expect(subjectOf({ before: null, after: null })).toBeNull();
  });
});

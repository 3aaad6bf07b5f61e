import { describe, expect, it } from 'vitest';
import { frequencySubjectKey, parseSubjectKey, readFrequencySubject, subjectKey } from './subject.ts';

describe('readFrequencySubject', () => {
  // The frequency targets of examples/luohu-2007-jichu.txt as the parser reads them.
  it('reads whom each frequency target of the example plan binds', () => {
    const read = (text: string, period: Parameters<typeof readFrequencySubject>[1], before = '') =>
      subjectKey(readFrequencySubject(text, period, before));
    expect(read('区级领导干部每季度到挂钩联系点不少于1次', 'quarter')).toBe('roster:区级领导');
    expect(read('区直单位负责人每两个月到挂钩联系点不少于1次', 'two-months')).toBe('roster:区直单位负责人');
    expect(read('驻社区干部坚持每周至少记录民情日记1篇', 'week')).toBe('roster:驻社区干部');
    const meetings = '全区每季度一次、街道每月一次召开驻(挂)社区工作会议';
    expect(read(meetings, 'quarter')).toBe('district');
    expect(read(meetings, 'month')).toBe('class:street');
    // The cadres are whom the training is for, not who must run it: the task's leads are judged.
    expect(read('各街道、社区干部及“两新”组织党务干部的培训每年不少于1次', 'year')).toBe('leads');
    expect(read('街道执法队每月组织1次政治思想学习和职业道德教育', 'month')).toBe('class:street');
    const before =
      '加强对全区街道综合执法人员的业务培训,本年度要求对全体执法人员分批进行1次以上的业务培训,街道执法队每月组织1次政治思想学习和职业道德教育,';
    expect(read('每天召开班前业务分析会', 'day', before)).toBe('class:street');
    expect(read('每天召开班前业务分析会', 'day')).toBe('leads');
  });

  it('knows the other categories and the communities', () => {
    expect(readFrequencySubject('执法人员每年参加培训不少于2次', 'year')).toEqual({
      kind: 'roster',
      category: '执法人员',
    });
    expect(readFrequencySubject('各社区每月召开居民议事会', 'month')).toEqual({
      kind: 'class',
      unitClass: 'community',
    });
    expect(readFrequencySubject('每月召开一次例会', 'month')).toEqual({ kind: 'leads' });
  });
});

describe('subjectKey and parseSubjectKey', () => {
  it('round-trip every kind and refuse malformed keys', () => {
    for (const key of ['roster:执法人员', 'class:street', 'group:g1', 'district', 'leads']) {
      const subject = parseSubjectKey(key);
      expect(subject).not.toBeNull();
      expect(subjectKey(subject as NonNullable<typeof subject>)).toBe(key);
    }
    expect(parseSubjectKey('class:planet')).toBeNull();
    expect(parseSubjectKey('roster:')).toBeNull();
    expect(parseSubjectKey('everyone')).toBeNull();
  });
});

describe('frequencySubjectKey', () => {
  it('reads a target in its item: 每天 continues the sentence before it', () => {
    const item =
      '本年度要求对全体执法人员分批进行1次以上的业务培训,街道执法队每月组织1次政治思想学习和职业道德教育,每天召开班前业务分析会,形成制度化、经常化的执法培训制度。';
    expect(frequencySubjectKey('每天召开班前业务分析会', 'day', item)).toBe('class:street');
    expect(frequencySubjectKey('区级领导干部每季度到挂钩联系点不少于1次', 'quarter')).toBe('roster:区级领导');
    expect(frequencySubjectKey('每月召开例会', 'fortnight', item)).toBe('leads');
  });
});

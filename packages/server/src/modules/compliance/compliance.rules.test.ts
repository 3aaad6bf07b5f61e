import { describe, expect, it } from 'vitest';
import { buildTable, mapTarget } from './compliance.ts';

describe('mapTarget', () => {
  it('maps diaries, visits, trainings and meetings by text and unit', () => {
    expect(mapTarget({ text: '驻社区干部坚持每周至少记录民情日记1篇', unit: '篇', period: 'week' })).toEqual({
      ledger: 'diaries',
      level: null,
    });
    expect(mapTarget({ text: '区级领导干部每季度到挂钩联系点不少于1次', unit: '次', period: 'quarter' }).ledger).toBe(
      'visits',
    );
    expect(mapTarget({ text: '每月到社区走访不少于2次', unit: '次', period: 'month' }).ledger).toBe('visits');
    expect(mapTarget({ text: '干部培训每年不少于1次', unit: '次', period: 'year' }).ledger).toBe('trainings');
  });

  it('reads the meeting level from the clause naming the period', () => {
    const text = '全区每季度一次、街道每月一次召开驻(挂)社区工作会议';
    // 社区 alone is no visit: the visit rule wants 到…社区.
    expect(mapTarget({ text, unit: '次', period: 'quarter' })).toEqual({ ledger: 'meetings', level: 'district' });
    expect(mapTarget({ text, unit: '次', period: 'month' })).toEqual({ ledger: 'meetings', level: 'street' });
    expect(mapTarget({ text: '每天召开班前业务分析会', unit: '次', period: 'day' })).toEqual({
      ledger: 'meetings',
      level: null,
    });
  });

  it('says unmapped rather than guessing', () => {
    expect(mapTarget({ text: '每月组织1次政治思想学习', unit: '次', period: 'month' })).toEqual({
      ledger: 'unmapped',
      level: null,
    });
  });
});

describe('buildTable', () => {
  it('counts per subject and period; closed periods unmet are missed, the running one open', () => {
    const { periods, cells } = buildTable({
      period: 'quarter',
      year: 2007,
      date: '2007-07-20',
      satisfied: (n) => n >= 1,
      subjects: ['甲', '乙'],
      entries: [
        { subject: '甲', date: '2007-02-10' },
        { subject: '甲', date: '2007-03-10' },
        { subject: '乙', date: '2007-05-01' },
        { subject: '乙', date: '2006-12-01' },
        { subject: '丙', date: '2007-01-05' },
      ],
    });
    expect(periods.map((p) => [p.key, p.closed])).toEqual([
      ['2007-Q1', true],
      ['2007-Q2', true],
      ['2007-Q3', false],
    ]);
    expect(cells.map((c) => `${c.subject}${c.periodKey}:${c.count}:${c.status}`)).toEqual([
      '甲2007-Q1:2:met',
      '甲2007-Q2:0:missed',
      '甲2007-Q3:0:open',
      '乙2007-Q1:0:missed',
      '乙2007-Q2:1:met',
      '乙2007-Q3:0:open',
    ]);
  });
});

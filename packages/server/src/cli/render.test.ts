import type { Indicator, Plan } from '@duban/core';
import { describe, expect, it } from 'vitest';
import { renderPlan, renderTarget } from './render.ts';

const target = (fields: Partial<Indicator>): Indicator => ({
  text: '',
  kind: 'level',
  op: '>=',
  value: 1,
  unit: '',
  period: null,
  baseline: null,
  deadline: null,
  ...fields,
});

describe('renderTarget', () => {
  it.each([
    [{ value: 90, unit: '%', deadline: '党的十七大召开之前' }, '≥90%（党的十七大召开之前）'],
    [{ op: '<=', value: 3, unit: '%' }, '≤3%'],
    [{ kind: 'frequency', value: 1, unit: '次', period: 'quarter' }, '每季度≥1次'],
    [{ kind: 'change', op: '<=', value: -15, unit: '%', baseline: 'previous-year' }, '较上年≤-15%'],
    [{ kind: 'change', op: '>=', value: 2, unit: '个百分点' }, '变化≥2个百分点'],
    [{ op: 'between', value: [2, 3], unit: '个' }, '2–3个'],
    [{ op: '=', value: 0, unit: '栋' }, '=0栋'],
    [{ value: 600, unit: '人', scope: 'each' }, '≥600人(每单位)'],
    [{ value: 5, unit: '个', scope: '翠竹街道' }, '≥5个(翠竹街道)'],
  ] satisfies [Partial<Indicator>, string][])('%j is %s', (fields, expected) => {
    expect(renderTarget(target(fields))).toBe(expected);
  });
});

describe('renderPlan', () => {
  it('shows the header, then sections, items, offices, targets and warnings', () => {
    const plan: Plan = {
      notice: null,
      title: '江湾街道2023年工作要点',
      issuers: ['中共临溪区江湾街道工作委员会', '临溪区人民政府江湾街道办事处'],
      date: '2023-02-08',
      sections: [
        {
          number: '一',
          title: '抓党建',
          items: [
            {
              number: '1',
              title: '建强社区党组织',
              text: '…',
              lead: ['街道党群工作部'],
              support: ['各社区党委'],
              deadline: '年底前',
              indicators: [
                target({ kind: 'frequency', value: 1, unit: '次', period: 'month' }),
                target({ value: 5, unit: '个' }),
              ],
            },
            { number: '2', title: '无单位的事项', text: '…', lead: [], support: [], indicators: [] },
          ],
        },
      ],
      warnings: [{ code: 'no-lead', message: 'no office leads this item', section: 1, item: '2' }],
    };
    expect(renderPlan(plan)).toBe(
      [
        'notice   —',
        'title    江湾街道2023年工作要点',
        'issuers  中共临溪区江湾街道工作委员会、临溪区人民政府江湾街道办事处',
        'date     2023-02-08',
        '',
        '一、抓党建',
        '  1. 建强社区党组织',
        '     lead     街道党群工作部',
        '     support  各社区党委',
        '     deadline 年底前',
        '     targets  每月≥1次; ≥5个',
        '  2. 无单位的事项',
        '     lead     —',
        '',
        'warnings',
        '  ! no-lead (section 1, item 2): no office leads this item',
        '',
      ].join('\n'),
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { PreviewItem } from './api';
import { guessOfficeKind } from './officeKinds';
import { mentionSpan, spanOf } from './spans';

describe('guessOfficeKind', () => {
  it.each([
    ['区林业局', 'government-department'],
    ['区政务服务数据管理局', 'government-department'],
    ['区金融服务中心', 'government-department'],
    ['区委政法委', 'party-department'],
    ['区委编办(区委改革办)', 'party-department'],
    ['青川区税务局', 'vertical-agency'],
    ['市生态环境局青川分局', 'vertical-agency'],
    ['区消防救援大队', 'vertical-agency'],
    ['青川电信分公司', 'other'],
    ['各镇(街道)', 'street-office'],
    ['东门街道党工委', 'street-party-committee'],
    ['黄贝岭社区', 'community'],
    ['区妇联', 'mass-organisation'],
  ] as const)('%s is a %s', (name, kind) => {
    expect(guessOfficeKind(name)).toBe(kind);
  });
});

describe('spans', () => {
  const source = '一、总体\n1.开展走访。\n牵头单位:区民政局(区老龄办)\n协办单位:各街道办事处';
  const start = source.indexOf('1.');
  const item = { span: [start, source.length] } as PreviewItem;

  it('checks a span against the text', () => {
    expect(spanOf([2, 5], source.length)).toEqual({ start: 2, end: 5 });
    expect(spanOf([5, 2], source.length)).toBeNull();
    expect(spanOf([0, source.length + 1], source.length)).toBeNull();
    expect(spanOf(undefined, source.length)).toBeNull();
  });

  it('finds a mention inside its item, brackets of either width alike', () => {
    const span = mentionSpan(source, item, '区民政局（区老龄办）');
    expect(span && source.slice(span.start, span.end)).toBe('区民政局(区老龄办)');
    const street = mentionSpan(source, item, '各街道办事处');
    expect(street && source.slice(street.start, street.end)).toBe('各街道办事处');
  });

  it('falls back to the whole item when the mention is not printed there', () => {
    expect(mentionSpan(source, item, '区财政局')).toEqual({ start, end: source.length });
  });
});

import { describe, expect, it } from 'vitest';
import { cnOrdinal, headingOf } from './headings.ts';
import { shadow } from './normalize.ts';

const h = (s: string) => headingOf(shadow(s));

describe('cnOrdinal', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十三', 23],
    ['九十九', 99],
    ['一百零五', 105],
    ['两', 2],
    ['7', 7],
  ])('%s is %i', (s, n) => expect(cnOrdinal(s)).toBe(n));
  it('refuses what is no numeral', () => expect(cnOrdinal('甲')).toBeNull());
});

describe('headingOf', () => {
  it('reads section and item numbering styles', () => {
    expect(h('一、切实加强党建')).toMatchObject({ style: 'cn', printed: '一', value: 1 });
    expect(h('（十二）深化改革')).toMatchObject({ style: 'paren-cn', value: 12 });
    expect(h('第三部分 民生')).toMatchObject({ style: 'part', printed: '三', value: 3 });
    expect(h('1.扩大覆盖面')).toMatchObject({ style: 'arabic', value: 1 });
    expect(h('12、做好统计')).toMatchObject({ style: 'arabic', value: 12 });
    expect(h('１２．做好统计')).toMatchObject({ style: 'arabic', value: 12 });
    expect(h('(3)加强宣传')).toMatchObject({ style: 'paren-arabic', value: 3 });
  });

  it('gives the length of the numbering to cut the title from', () => {
    const line = '（一） 深化党建引领';
    const found = h(line);
    expect(line.slice(found?.prefixLength)).toBe('深化党建引领');
  });

  it('does not take figures, years or ordinary text for headings', () => {
    expect(h('1.5万人以上')).toBeNull();
    expect(h('2024年12月31日前')).toBeNull();
    expect(h('一是加强领导')).toBeNull();
    expect(h('一、')).toBeNull();
  });
});

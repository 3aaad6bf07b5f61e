import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChineseNumeral, parseNumeral, readNumeral } from './numerals.ts';

describe('parseChineseNumeral', () => {
  it.each([
    ['一', 1],
    ['两', 2],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['三十五', 35],
    ['百', 100],
    ['一百零五', 105],
    ['一百五', 150],
    ['一千零二十', 1020],
    ['一千零五', 1005],
    ['三千五百', 3500],
    ['两万五', 25000],
    ['两万零五百', 20500],
    ['万', 10000],
    ['一亿二千万', 120000000],
    ['二〇〇七', 2007],
    ['二零二四', 2024],
    ['零', 0],
    ['一点五', 1.5],
    ['贰拾', 20],
  ])('reads %s as %d', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
  });

  it.each(['', '十一五', '三四', '十百', '一二', '点五', '一点', '万万'])('rejects %s', (text) => {
    expect(parseChineseNumeral(text)).toBeNull();
  });
});

describe('parseNumeral', () => {
  it('reads Arabic, full-width and decimal figures', () => {
    expect(parseNumeral('12')).toBe(12);
    expect(parseNumeral('1.5')).toBe(1.5);
    expect(parseNumeral('１２')).toBe(12);
    expect(parseNumeral('３．５')).toBe(3.5);
  });

  it('reads 百分之 as the percentage', () => {
    expect(parseNumeral('百分之九十')).toBe(90);
    expect(parseNumeral('百分之百')).toBe(100);
    expect(parseNumeral('百分之九十五点五')).toBe(95.5);
  });

  it('rejects strings that are not one numeral', () => {
    expect(parseNumeral('12a')).toBeNull();
    expect(parseNumeral('十二个')).toBeNull();
    expect(parseNumeral('')).toBeNull();
  });
});

describe('readNumeral', () => {
  it('leaves a final 万 or 亿 to the measure word', () => {
    expect(readNumeral('1.2万人', 0)).toMatchObject({ start: 0, end: 3, value: 1.2, chinese: false });
    expect(readNumeral('超百万元的', 1)).toMatchObject({ start: 1, end: 2, value: 100, chinese: true, length: 1 });
    expect(readNumeral('三千万元', 0)).toMatchObject({ end: 2, value: 3000 });
  });

  it('stops at the limit and at a trailing full stop', () => {
    expect(readNumeral('12345', 0, 2)).toMatchObject({ end: 2, value: 12 });
    expect(readNumeral('1.建立', 0)).toMatchObject({ end: 1, value: 1 });
  });

  it('marks spelled percentages', () => {
    expect(readNumeral('百分之九十以上', 0)).toMatchObject({ end: 5, value: 90, percent: true });
  });

  it('returns null where no numeral starts', () => {
    expect(readNumeral('建立', 0)).toBeNull();
    expect(readNumeral('十一五规划', 0)).toBeNull();
    expect(readNumeral('', 0)).toBeNull();
  });

  it('never throws and returns finite values inside the string', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(40), (s, i) => {
        const m = readNumeral(s, i);
        if (m !== null) {
          expect(Number.isFinite(m.value)).toBe(true);
          expect(m.start).toBe(i);
          expect(m.end).toBeGreaterThan(m.start);
          expect(m.end).toBeLessThanOrEqual(s.length);
        }
      }),
    );
  });
});

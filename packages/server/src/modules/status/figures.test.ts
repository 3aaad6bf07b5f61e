import { describe, expect, it } from 'vitest';
import { combinedFigure } from './figures.ts';

/** The sums of the figures' values, and of their parts when every figure came as a fraction. */
const sums = (values: number[], fractions: [number, number][] = []) => {
  const parts = values.length > 0 && fractions.length === values.length;
  return {
    count: values.length,
    total: values.reduce((a, b) => a + b, 0),
    numerator: parts ? fractions.reduce((a, [n]) => a + n, 0) : null,
    denominator: parts ? fractions.reduce((a, [, d]) => a + d, 0) : null,
  };
};

describe('one figure for the offices that reported a target', () => {
  it('sums the parts of shares given as fractions rather than averaging the shares', () => {
    // 3 of 4 and 1 of 96: 4 of 100.
    expect(
      combinedFigure(
        '%',
        sums(
          [75, (1 / 96) * 100],
          [
            [3, 4],
            [1, 96],
          ],
        ),
      ),
    ).toBeCloseTo(4, 9);
  });

  it('takes the mean of shares given as bare values, or when only some came as fractions', () => {
    expect(combinedFigure('%', sums([90, 70]))).toBe(80);
    expect(combinedFigure('％', sums([75, 25], [[3, 4]]))).toBe(50);
    expect(combinedFigure('‰', sums([2, 4]))).toBe(3);
    expect(combinedFigure('个百分点', sums([1, 2]))).toBe(1.5);
  });

  it('adds up counts and other amounts', () => {
    expect(combinedFigure('家', sums([5, 7]))).toBe(12);
    expect(combinedFigure('万元', sums([1.5, 2.5]))).toBe(4);
    expect(combinedFigure('天', sums([3, 4]))).toBe(7);
  });

  it('stands for one office unchanged, and for none as nothing', () => {
    expect(combinedFigure('%', sums([60], [[3, 5]]))).toBeCloseTo(60, 9);
    expect(combinedFigure('%', sums([60]))).toBe(60);
    expect(combinedFigure('家', sums([]))).toBeNull();
  });
});

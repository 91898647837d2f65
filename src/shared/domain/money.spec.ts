import { applyRateBp, formatYuan, prorate, sumFen } from './money';

describe('money', () => {
  it('spreads a discount so that the parts add up to the whole, the remainder on the last line', () => {
    expect(prorate(100, [1, 1, 1])).toEqual([33, 33, 34]);
    expect(prorate(1000, [2990, 100, 5000])).toEqual([369, 12, 619]);
    expect(sumFen(prorate(7, [3333, 3333, 3334]))).toBe(7);
  });

  it('gives nothing to zero-weight lines, even the last one', () => {
    expect(prorate(10, [5, 5, 0])).toEqual([5, 5, 0]);
    expect(prorate(0, [0, 0])).toEqual([0, 0]);
  });

  it('refuses fractional fen, negative totals and a total over zero weights', () => {
    expect(() => prorate(1.5, [1])).toThrow(RangeError);
    expect(() => prorate(-1, [1])).toThrow(RangeError);
    expect(() => prorate(5, [0, 0])).toThrow(RangeError);
    expect(() => sumFen([1, 0.1])).toThrow(RangeError);
  });

  it('applies basis-point rates rounding down', () => {
    expect(applyRateBp(999, 1000)).toBe(99);
    expect(applyRateBp(12345, 550)).toBe(678);
    expect(() => applyRateBp(100, 1.5)).toThrow(RangeError);
  });

  it('formats fen as yuan', () => {
    expect(formatYuan(12345)).toBe('123.45');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(-250)).toBe('-2.50');
  });
});

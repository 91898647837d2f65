import { DomainError } from '../../../shared/domain/domain-error';
import { crossedBelowThreshold, normalizeStockLines } from './stock-lines';

describe('stock lines', () => {
  it('merges repeated SKUs and sorts by SKU id', () => {
    expect(
      normalizeStockLines([
        { skuId: 9, quantity: 1 },
        { skuId: 3, quantity: 2 },
        { skuId: 9, quantity: 4 },
      ]),
    ).toEqual([
      { skuId: 3, quantity: 2 },
      { skuId: 9, quantity: 5 },
    ]);
  });

  it.each([
    [[], 'no lines'],
    [[{ skuId: 1, quantity: 0 }], 'a zero quantity'],
    [[{ skuId: 1, quantity: -2 }], 'a negative quantity'],
    [[{ skuId: 1, quantity: 1.5 }], 'a fractional quantity'],
    [[{ skuId: 0, quantity: 1 }], 'a zero SKU id'],
  ])('refuses %j (%s)', (lines) => {
    expect(() => normalizeStockLines(lines)).toThrow(DomainError);
  });
});

describe('low-stock threshold', () => {
  it('fires when stock falls from at or above the threshold to below it', () => {
    expect(crossedBelowThreshold(10, 9, 10)).toBe(true);
    expect(crossedBelowThreshold(12, 3, 10)).toBe(true);
  });

  it('does not fire while stock stays on one side, nor when the threshold is off', () => {
    expect(crossedBelowThreshold(12, 10, 10)).toBe(false);
    expect(crossedBelowThreshold(9, 8, 10)).toBe(false);
    expect(crossedBelowThreshold(8, 9, 10)).toBe(false);
    expect(crossedBelowThreshold(5, 0, 0)).toBe(false);
  });
});

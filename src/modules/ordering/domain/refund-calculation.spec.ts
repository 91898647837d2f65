import { ItemRefundState, planItemRefund, planWholeOrderRefund } from './refund-calculation';

const item = (orderItemId: number, quantity: number, payAmount: number, claimedQuantity = 0, claimedAmount = 0): ItemRefundState => ({
  orderItemId,
  quantity,
  payAmount,
  claimedQuantity,
  claimedAmount,
});

describe('refund calculation', () => {
  it('refunds part of an item in proportion, rounding down', () => {
    expect(planItemRefund([item(1, 3, 1000)], [{ orderItemId: 1, quantity: 1 }])).toEqual({ lines: [{ orderItemId: 1, quantity: 1, amount: 333 }], amount: 333 });
  });

  it('gives the last units of an item what is left, so pieces add up to what was paid', () => {
    const first = planItemRefund([item(1, 3, 1000)], [{ orderItemId: 1, quantity: 1 }]);
    expect(first).toMatchObject({ amount: 333 });
    const second = planItemRefund([item(1, 3, 1000, 1, 333)], [{ orderItemId: 1, quantity: 2 }]);
    expect(second).toMatchObject({ amount: 667 });
  });

  it('refuses more than remains, unknown items and duplicates', () => {
    expect(planItemRefund([item(1, 2, 500, 1, 250)], [{ orderItemId: 1, quantity: 2 }])).toEqual({ kind: 'QUANTITY_EXCEEDED', orderItemId: 1, remaining: 1 });
    expect(planItemRefund([item(1, 2, 500)], [{ orderItemId: 9, quantity: 1 }])).toEqual({ kind: 'UNKNOWN_ITEM', orderItemId: 9 });
    expect(
      planItemRefund([item(1, 2, 500)], [
        { orderItemId: 1, quantity: 1 },
        { orderItemId: 1, quantity: 1 },
      ]),
    ).toEqual({ kind: 'DUPLICATE_ITEM', orderItemId: 1 });
  });

  it('refunds a whole untouched order with its freight', () => {
    expect(planWholeOrderRefund([item(1, 2, 1800), item(2, 1, 700)], 800)).toMatchObject({ amount: 3300 });
  });

  it('refunds only what is left of a partly refunded order, without freight', () => {
    expect(planWholeOrderRefund([item(1, 2, 1800, 2, 1800), item(2, 1, 700)], 800)).toEqual({ lines: [{ orderItemId: 2, quantity: 1, amount: 700 }], amount: 700 });
    expect(planWholeOrderRefund([item(1, 2, 1800, 2, 1800)], 800)).toEqual({ kind: 'NOTHING_TO_REFUND' });
  });

  it('refuses an item whose payAmount is zero', () => {
    expect(planItemRefund([item(1, 1, 0)], [{ orderItemId: 1, quantity: 1 }])).toEqual({ kind: 'NOTHING_TO_REFUND' });
  });
});

import { AFTER_SALE_STATUSES, AfterSaleStatus, afterSaleStates } from './after-sale-status';

const ALLOWED: Array<[AfterSaleStatus, AfterSaleStatus]> = [
  ['PENDING', 'APPROVED'],
  ['PENDING', 'REJECTED'],
  ['PENDING', 'CANCELLED'],
  ['APPROVED', 'REFUNDING'],
  ['APPROVED', 'AWAITING_RETURN'],
  ['APPROVED', 'CANCELLED'],
  ['AWAITING_RETURN', 'REFUNDING'],
  ['AWAITING_RETURN', 'CANCELLED'],
  ['REFUNDING', 'REFUNDED'],
  ['REFUNDING', 'REFUND_FAILED'],
  ['REFUND_FAILED', 'REFUNDING'],
];

const EVERY_PAIR = AFTER_SALE_STATUSES.flatMap((from) => AFTER_SALE_STATUSES.map((to) => [from, to, ALLOWED.some(([f, t]) => f === from && t === to)] as const));

describe('after-sale state table', () => {
  it('covers every (from, to) pair', () => {
    expect(EVERY_PAIR).toHaveLength(AFTER_SALE_STATUSES.length ** 2);
  });

  it.each(EVERY_PAIR)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(afterSaleStates.can(from, to)).toBe(allowed);
  });

  it('keeps a refunded, rejected or withdrawn after-sale final', () => {
    for (const end of ['REFUNDED', 'REJECTED', 'CANCELLED'] as const) expect(afterSaleStates.targetsOf(end)).toEqual([]);
  });
});

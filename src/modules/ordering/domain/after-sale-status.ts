import { StateMachine } from '../../../shared/domain/state-machine';

export const AFTER_SALE_STATUSES = ['PENDING', 'APPROVED', 'AWAITING_RETURN', 'REFUNDING', 'REFUNDED', 'REFUND_FAILED', 'REJECTED', 'CANCELLED'] as const;
export type AfterSaleStatus = (typeof AFTER_SALE_STATUSES)[number];

export const AFTER_SALE_TYPES = ['REFUND_ONLY', 'RETURN_AND_REFUND'] as const;
export type AfterSaleType = (typeof AFTER_SALE_TYPES)[number];

/**
 * The after-sale state table. APPROVED is passed through at once: REFUND_ONLY goes on to
 * REFUNDING, RETURN_AND_REFUND to AWAITING_RETURN. A failed refund may be retried (→ REFUNDING).
 */
export const afterSaleStates = new StateMachine<AfterSaleStatus>({
  PENDING: ['APPROVED', 'REJECTED', 'CANCELLED'],
  APPROVED: ['REFUNDING', 'AWAITING_RETURN', 'CANCELLED'],
  AWAITING_RETURN: ['REFUNDING', 'CANCELLED'],
  REFUNDING: ['REFUNDED', 'REFUND_FAILED'],
  REFUND_FAILED: ['REFUNDING'],
  REFUNDED: [],
  REJECTED: [],
  CANCELLED: [],
});

/** After-sales that still hold a claim on the order's money (count against what may be refunded). */
export const OPEN_AFTER_SALE_STATUSES: readonly AfterSaleStatus[] = ['PENDING', 'APPROVED', 'AWAITING_RETURN', 'REFUNDING', 'REFUND_FAILED', 'REFUNDED'];

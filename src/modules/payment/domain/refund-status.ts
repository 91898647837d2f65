import { StateMachine } from '../../../shared/domain/state-machine';

export const REFUND_STATUSES = ['PENDING', 'PROCESSING', 'SUCCESS', 'FAILED'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * The life of one refund. PENDING until WeChat Pay accepts the request (PROCESSING) or answers at
 * once (SUCCESS, or FAILED when it refuses); PROCESSING until the callback or a query says how it
 * ended. A FAILED refund may be asked for again under the same out_refund_no (→ PENDING).
 */
export const refundStates = new StateMachine<RefundStatus>({
  PENDING: ['PROCESSING', 'SUCCESS', 'FAILED'],
  PROCESSING: ['SUCCESS', 'FAILED'],
  FAILED: ['PENDING'],
  SUCCESS: [],
});

/** Refunds WeChat Pay is still working on (or that were not sent yet). */
export const OPEN_REFUND_STATUSES: readonly RefundStatus[] = ['PENDING', 'PROCESSING'];

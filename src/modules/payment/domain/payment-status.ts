import { StateMachine } from '../../../shared/domain/state-machine';

export const PAYMENT_STATUSES = ['PENDING', 'PAID', 'CLOSED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * The life of one pay attempt. PENDING from the claim (before the prepay is asked for) until
 * WeChat Pay confirms it (PAID) or the order is cancelled and WeChat's order closed (CLOSED). A
 * closed attempt can still turn PAID: money that slipped through before the close is recorded,
 * then refunded because the order is cancelled.
 */
export const paymentStates = new StateMachine<PaymentStatus>({
  PENDING: ['PAID', 'CLOSED'],
  CLOSED: ['PAID'],
  PAID: [],
});

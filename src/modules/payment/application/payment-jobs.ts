/** Job names of the payment context (payloads are ids only). */
export const PAYMENT_JOBS = {
  sync: 'payment.sync',
  close: 'payment.close',
  refund: 'payment.refund',
  refundQuery: 'payment.refund-query',
  sweep: 'payment.sweep',
} as const;

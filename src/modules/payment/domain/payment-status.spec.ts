import { PaymentStateInvalidError } from './payment.errors';
import { PaymentEntity } from './payment.entity';
import { PAYMENT_STATUSES, PaymentStatus, paymentStates } from './payment-status';

const ALLOWED: Array<[PaymentStatus, PaymentStatus]> = [
  ['PENDING', 'PAID'],
  ['PENDING', 'CLOSED'],
  ['CLOSED', 'PAID'],
];

const pairs = PAYMENT_STATUSES.flatMap((from) => PAYMENT_STATUSES.map((to) => [from, to] as const));

function attempt(status: PaymentStatus): PaymentEntity {
  return Object.assign(new PaymentEntity(), { id: 7, orderId: 3, status, prepayId: 'wx1', pendingOrderId: status === 'PENDING' ? 3 : null });
}

describe('payment state table', () => {
  it.each(pairs)('%s → %s follows the lifecycle', (from, to) => {
    expect(paymentStates.can(from, to)).toBe(ALLOWED.some(([f, t]) => f === from && t === to));
  });

  it('never lets a paid attempt be closed or paid again', () => {
    expect(paymentStates.targetsOf('PAID')).toEqual([]);
  });
});

describe('payment intents', () => {
  const paidAt = new Date('2026-12-01T00:00:00Z');

  it.each(PAYMENT_STATUSES)('markPaid from %s changes it exactly when the table allows, freeing the open-attempt key', (status) => {
    const payment = attempt(status);
    if (!paymentStates.can(status, 'PAID')) {
      expect(() => payment.markPaid('4200', paidAt)).toThrow(PaymentStateInvalidError);
      return;
    }
    expect(payment.markPaid('4200', paidAt)).toEqual({ id: 7, from: paymentStates.sourcesOf('PAID'), to: 'PAID', set: { transactionId: '4200', paidAt, pendingOrderId: null } });
  });

  it.each(PAYMENT_STATUSES)('close from %s changes it exactly when the table allows', (status) => {
    const payment = attempt(status);
    if (!paymentStates.can(status, 'CLOSED')) {
      expect(() => payment.close()).toThrow(PaymentStateInvalidError);
      return;
    }
    expect(payment.close()).toEqual({ id: 7, from: ['PENDING'], to: 'CLOSED', set: { pendingOrderId: null } });
  });

  it('claims an open attempt under the order id and reuses only a live prepay of the same amount', () => {
    const expiresAt = new Date('2026-12-01T00:30:00Z');
    const claim = PaymentEntity.claim({ id: 3, orderNo: 'N1', payAmount: 990, expiresAt });
    expect(claim).toEqual({ orderId: 3, outTradeNo: 'N1', status: 'PENDING', amount: 990, prepayId: null, prepayExpiresAt: expiresAt, pendingOrderId: 3 });
    const payment = Object.assign(new PaymentEntity(), { ...claim, id: 1 });
    expect(payment.prepayInFlight).toBe(true);
    expect(payment.reusablePrepayId(990, new Date('2026-12-01T00:00:00Z'))).toBeNull();
    payment.prepayId = 'wx9';
    expect(payment.prepayInFlight).toBe(false);
    expect(payment.reusablePrepayId(990, new Date('2026-12-01T00:00:00Z'))).toBe('wx9');
    expect(payment.reusablePrepayId(991, new Date('2026-12-01T00:00:00Z'))).toBeNull();
    expect(payment.reusablePrepayId(990, expiresAt)).toBeNull();
  });
});

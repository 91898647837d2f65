import { RefundStateInvalidError } from './payment.errors';
import { RefundEntity } from './refund.entity';
import { REFUND_STATUSES, RefundStatus, refundStates } from './refund-status';

const ALLOWED: Array<[RefundStatus, RefundStatus]> = [
  ['PENDING', 'PROCESSING'],
  ['PENDING', 'SUCCESS'],
  ['PENDING', 'FAILED'],
  ['PROCESSING', 'SUCCESS'],
  ['PROCESSING', 'FAILED'],
  ['FAILED', 'PENDING'],
];

const pairs = REFUND_STATUSES.flatMap((from) => REFUND_STATUSES.map((to) => [from, to] as const));

function refund(status: RefundStatus): RefundEntity {
  return Object.assign(new RefundEntity(), { id: 5, status });
}

/** Each intent and the state it moves to. */
const INTENTS: Array<[RefundStatus, (r: RefundEntity) => unknown]> = [
  ['PROCESSING', (r) => r.markProcessing('503')],
  ['SUCCESS', (r) => r.succeed('503', new Date(0))],
  ['FAILED', (r) => r.fail('NOT_ENOUGH')],
  ['PENDING', (r) => r.retry()],
];

describe('refund state table', () => {
  it.each(pairs)('%s → %s follows the lifecycle', (from, to) => {
    expect(refundStates.can(from, to)).toBe(ALLOWED.some(([f, t]) => f === from && t === to));
  });

  it('never moves a successful refund again', () => {
    expect(refundStates.targetsOf('SUCCESS')).toEqual([]);
  });
});

describe('refund intents', () => {
  it.each(REFUND_STATUSES.flatMap((from) => INTENTS.map(([to, intent]) => [from, to, intent] as const)))(
    'from %s, the intent to %s changes it exactly when the table allows',
    (from, to, intent) => {
      const r = refund(from);
      if (from === 'PROCESSING' && to === 'PROCESSING') {
        expect(intent(r)).toBeNull(); // already there: nothing to write
      } else if (refundStates.can(from, to)) {
        expect(intent(r)).toMatchObject({ id: 5, from: refundStates.sourcesOf(to), to });
      } else {
        expect(() => intent(r)).toThrow(RefundStateInvalidError);
      }
    },
  );

  it('knows which refunds have their final word', () => {
    expect(REFUND_STATUSES.filter((s) => refund(s).settled)).toEqual(['SUCCESS', 'FAILED']);
  });

  it('names one automatic refund per transaction and cuts reasons to WeChat Pay’s 80 characters', () => {
    expect(RefundEntity.automaticRefundNo('4200001234')).toBe('AR4200001234');
    const request = RefundEntity.request({ orderId: 1, afterSaleId: null, outRefundNo: 'R1', outTradeNo: 'N1', amount: 1, totalAmount: 1, reason: '退'.repeat(100) });
    expect(request).toMatchObject({ status: 'PENDING', transactionId: null });
    expect(request.reason).toHaveLength(80);
  });
});

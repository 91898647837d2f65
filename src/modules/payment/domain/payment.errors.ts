import { ConflictError } from '../../../shared/domain/domain-error';

/** A pay attempt was asked to move in a way its state table does not allow. */
export class PaymentStateInvalidError extends ConflictError {
  constructor(from: string, to: string) {
    super('PAYMENT_STATE_INVALID', { zh: `支付记录状态不允许从 ${from} 变为 ${to}`, en: `The payment cannot go from ${from} to ${to}` }, { from, to });
  }
}

/** A conditional update of a pay attempt found it changed by someone else first (retry with fresh state). */
export class PaymentChangedConcurrentlyError extends ConflictError {
  constructor(expected: string) {
    super('PAYMENT_STATE_INVALID', { zh: `支付记录已不是 ${expected} 状态，已被其他操作修改`, en: `The payment is no longer ${expected}; someone else changed it first` }, { expected });
  }
}

/** A refund was asked to move in a way its state table does not allow. */
export class RefundStateInvalidError extends ConflictError {
  constructor(from: string, to: string) {
    super('REFUND_STATE_INVALID', { zh: `退款状态不允许从 ${from} 变为 ${to}`, en: `The refund cannot go from ${from} to ${to}` }, { from, to });
  }
}

/** Another pay request of the same order is still waiting for WeChat Pay's prepay answer. */
export class PaymentInProgressError extends ConflictError {
  constructor(orderId: number) {
    super('PAYMENT_IN_PROGRESS', { zh: '该订单正在发起支付，请稍后重试', en: 'A payment of this order is being set up; try again in a moment' }, { orderId });
  }
}

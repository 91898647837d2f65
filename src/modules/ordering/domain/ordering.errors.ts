import { BadRequestError, ConflictError } from '../../../shared/domain/domain-error';
import type { OrderStatus } from './order-status';

export class OrderStateInvalidError extends ConflictError {
  constructor(from: OrderStatus | string, to: OrderStatus | string) {
    super('ORDER_STATE_INVALID', `The order cannot go from ${from} to ${to}`, { from, to });
  }
}

export class OrderChangedConcurrentlyError extends ConflictError {
  constructor(expected: string) {
    super('ORDER_STATE_INVALID', `The order is no longer ${expected}; someone else changed it first`, { expected });
  }
}

export class IdempotencyConflictError extends ConflictError {
  constructor() {
    super('IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was already used with a different request');
  }
}

export class CouponNotApplicableError extends ConflictError {
  constructor(message = 'The coupon cannot be used for this order') {
    super('COUPON_NOT_APPLICABLE', message);
  }
}

export class ProductUnavailableError extends ConflictError {
  constructor(skuId: number, reason: string) {
    super('PRODUCT_UNAVAILABLE', `SKU ${skuId} cannot be ordered: ${reason}`, { skuId, reason });
  }
}

export class AddressRequiredError extends BadRequestError {
  constructor() {
    super('VALIDATION_FAILED', 'addressId is required for EXPRESS and LOCAL_DELIVERY', [{ field: 'addressId', message: 'addressId is required for this delivery type' }]);
  }
}

export class StoreRequiredError extends BadRequestError {
  constructor() {
    super('VALIDATION_FAILED', 'storeId is required for LOCAL_DELIVERY, PICKUP and DINE_IN', [{ field: 'storeId', message: 'storeId is required for this delivery type' }]);
  }
}

export class AfterSaleNotAllowedError extends ConflictError {
  constructor(message: string, details?: unknown) {
    super('AFTER_SALE_NOT_ALLOWED', message, details);
  }
}

export class AfterSaleStateInvalidError extends ConflictError {
  constructor(from: string, to: string) {
    super('AFTER_SALE_STATE_INVALID', `The after-sale cannot go from ${from} to ${to}`, { from, to });
  }
}

export class PickupCodeMismatchError extends ConflictError {
  constructor() {
    super('PICKUP_CODE_MISMATCH', 'The pickup code does not match this order');
  }
}

/** The order would cost more than the configured maximum (ORDER_MAX_PAY_AMOUNT; WeChat Pay's amount.total is a 32-bit integer). */
export class OrderAmountTooLargeError extends ConflictError {
  constructor(payAmount: number, maxPayAmount: number) {
    super(
      'ORDER_AMOUNT_TOO_LARGE',
      { zh: `订单应付金额 ${payAmount} 分超过上限 ${maxPayAmount} 分，请减少商品数量`, en: `The order's pay amount of ${payAmount} fen exceeds the maximum of ${maxPayAmount} fen` },
      { payAmount, maxPayAmount },
    );
  }
}

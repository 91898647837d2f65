/** Past-tense events of the ordering context, emitted after the transaction commits. */
export class OrderPlacedEvent {
  static readonly event = 'ordering.order-placed';
  constructor(readonly orderId: number, readonly shopperId: number, readonly payAmount: number) {}
}

export class OrderPaidEvent {
  static readonly event = 'ordering.order-paid';
  constructor(readonly orderId: number, readonly shopperId: number, readonly payAmount: number) {}
}

export class OrderCancelledEvent {
  static readonly event = 'ordering.order-cancelled';
  constructor(readonly orderId: number, readonly orderNo: string, readonly reason: string) {}
}

export class OrderShippedEvent {
  static readonly event = 'ordering.order-shipped';
  constructor(readonly orderId: number) {}
}

export class OrderCompletedEvent {
  static readonly event = 'ordering.order-completed';
  constructor(readonly orderId: number, readonly shopperId: number) {}
}

export class OrderClosedEvent {
  static readonly event = 'ordering.order-closed';
  constructor(readonly orderId: number) {}
}

/** Staff approved a refund (or received the returned goods): the payment context sends it to WeChat Pay. */
export class AfterSaleRefundRequestedEvent {
  static readonly event = 'ordering.after-sale-refund-requested';
  constructor(readonly afterSaleId: number, readonly orderId: number) {}
}

/** The money went back: membership takes back points, distribution cancels commission. */
export class AfterSaleRefundedEvent {
  static readonly event = 'ordering.after-sale-refunded';
  constructor(
    readonly afterSaleId: number,
    readonly orderId: number,
    readonly shopperId: number,
    readonly amount: number,
    readonly items: ReadonlyArray<{ orderItemId: number; skuId: number; quantity: number; amount: number }>,
  ) {}
}

import { DELIVERY_TYPES, DeliveryType, ORDER_STATE_TABLES, ORDER_STATUSES, OrderStatus } from './order-status';

const DELIVERED: Array<[OrderStatus, OrderStatus]> = [
  ['PENDING_PAYMENT', 'PAID'],
  ['PENDING_PAYMENT', 'CANCELLED'],
  ['PAID', 'SHIPPED'],
  ['PAID', 'CLOSED'],
  ['SHIPPED', 'COMPLETED'],
  ['SHIPPED', 'CLOSED'],
  ['COMPLETED', 'CLOSED'],
];

const COUNTER: Array<[OrderStatus, OrderStatus]> = [
  ['PENDING_PAYMENT', 'PAID'],
  ['PENDING_PAYMENT', 'CANCELLED'],
  ['PAID', 'READY'],
  ['PAID', 'CLOSED'],
  ['READY', 'COMPLETED'],
  ['READY', 'CLOSED'],
  ['COMPLETED', 'CLOSED'],
];

/** What the specification allows, per delivery type; every other pair is refused. */
const ALLOWED: Record<DeliveryType, Array<[OrderStatus, OrderStatus]>> = {
  EXPRESS: DELIVERED,
  LOCAL_DELIVERY: DELIVERED,
  PICKUP: COUNTER,
  DINE_IN: COUNTER,
};

const EVERY_CASE = DELIVERY_TYPES.flatMap((delivery) =>
  ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [delivery, from, to, ALLOWED[delivery].some(([f, t]) => f === from && t === to)] as const)),
);

describe('order state tables', () => {
  it('cover every (delivery, from, to) triple', () => {
    expect(EVERY_CASE).toHaveLength(DELIVERY_TYPES.length * ORDER_STATUSES.length * ORDER_STATUSES.length);
  });

  it.each(EVERY_CASE)('%s: %s → %s allowed: %s', (delivery, from, to, allowed) => {
    expect(ORDER_STATE_TABLES[delivery].can(from, to)).toBe(allowed);
  });

  it('never lets a shipped order go back to paid, or a cancelled or closed one be paid', () => {
    for (const delivery of DELIVERY_TYPES) {
      expect(ORDER_STATE_TABLES[delivery].can('SHIPPED', 'PAID')).toBe(false);
      expect(ORDER_STATE_TABLES[delivery].can('CANCELLED', 'PAID')).toBe(false);
      expect(ORDER_STATE_TABLES[delivery].can('CLOSED', 'PAID')).toBe(false);
    }
  });
});

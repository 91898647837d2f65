import { StateMachine } from '../../../shared/domain/state-machine';

export const ORDER_STATUSES = ['PENDING_PAYMENT', 'PAID', 'READY', 'SHIPPED', 'COMPLETED', 'CANCELLED', 'CLOSED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const DELIVERY_TYPES = ['EXPRESS', 'LOCAL_DELIVERY', 'PICKUP', 'DINE_IN'] as const;
export type DeliveryType = (typeof DELIVERY_TYPES)[number];

/** Delivered orders: paid, shipped, received. READY is never used. */
const delivered = new StateMachine<OrderStatus>({
  PENDING_PAYMENT: ['PAID', 'CANCELLED'],
  PAID: ['SHIPPED', 'CLOSED'],
  READY: [],
  SHIPPED: ['COMPLETED', 'CLOSED'],
  COMPLETED: ['CLOSED'],
  CANCELLED: [],
  CLOSED: [],
});

/** Counter orders (pickup, dine-in): paid, prepared, handed over against the pickup code. SHIPPED is never used. */
const counter = new StateMachine<OrderStatus>({
  PENDING_PAYMENT: ['PAID', 'CANCELLED'],
  PAID: ['READY', 'CLOSED'],
  READY: ['COMPLETED', 'CLOSED'],
  SHIPPED: [],
  COMPLETED: ['CLOSED'],
  CANCELLED: [],
  CLOSED: [],
});

/**
 * The order state tables of the specification, one per delivery type; any other move is
 * ORDER_STATE_INVALID. Closing (every item refunded) is allowed from every paid state.
 */
export const ORDER_STATE_TABLES: Readonly<Record<DeliveryType, StateMachine<OrderStatus>>> = {
  EXPRESS: delivered,
  LOCAL_DELIVERY: delivered,
  PICKUP: counter,
  DINE_IN: counter,
};

/** The union of the per-delivery tables (what the entity checked before the tables were split). */
export const orderStates = new StateMachine<OrderStatus>(
  Object.fromEntries(ORDER_STATUSES.map((from) => [from, [...new Set(DELIVERY_TYPES.flatMap((d) => ORDER_STATE_TABLES[d].targetsOf(from)))]])) as Record<OrderStatus, OrderStatus[]>,
);

/** Whether the table of this delivery type allows the move. */
export function transitionFitsDelivery(from: OrderStatus, to: OrderStatus, delivery: DeliveryType): boolean {
  return ORDER_STATE_TABLES[delivery].can(from, to);
}

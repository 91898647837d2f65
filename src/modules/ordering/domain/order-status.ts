import { StateMachine } from '../../../shared/domain/state-machine';

export const ORDER_STATUSES = ['PENDING_PAYMENT', 'PAID', 'READY', 'SHIPPED', 'COMPLETED', 'CANCELLED', 'CLOSED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const DELIVERY_TYPES = ['EXPRESS', 'LOCAL_DELIVERY', 'PICKUP', 'DINE_IN'] as const;
export type DeliveryType = (typeof DELIVERY_TYPES)[number];

/** The order state table of the specification; any other move is ORDER_STATE_INVALID. */
export const orderStates = new StateMachine<OrderStatus>({
  PENDING_PAYMENT: ['PAID', 'CANCELLED'],
  PAID: ['SHIPPED', 'READY', 'CLOSED'],
  READY: ['COMPLETED', 'CLOSED'],
  SHIPPED: ['COMPLETED', 'CLOSED'],
  COMPLETED: ['CLOSED'],
  CANCELLED: [],
  CLOSED: [],
});

/** Which delivery types a transition is for (the table above is the union). */
export function transitionFitsDelivery(from: OrderStatus, to: OrderStatus, delivery: DeliveryType): boolean {
  const counter = delivery === 'PICKUP' || delivery === 'DINE_IN';
  if (from === 'PAID' && to === 'SHIPPED') return !counter;
  if (from === 'PAID' && to === 'READY') return counter;
  if (from === 'READY' && to === 'COMPLETED') return counter;
  if (from === 'SHIPPED' && to === 'COMPLETED') return !counter;
  return true;
}

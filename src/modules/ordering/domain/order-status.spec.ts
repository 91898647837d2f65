import { ORDER_STATUSES, OrderStatus, orderStates, transitionFitsDelivery } from './order-status';

const ALLOWED: Array<[OrderStatus, OrderStatus]> = [
  ['PENDING_PAYMENT', 'PAID'],
  ['PENDING_PAYMENT', 'CANCELLED'],
  ['PAID', 'SHIPPED'],
  ['PAID', 'READY'],
  ['PAID', 'CLOSED'],
  ['READY', 'COMPLETED'],
  ['READY', 'CLOSED'],
  ['SHIPPED', 'COMPLETED'],
  ['SHIPPED', 'CLOSED'],
  ['COMPLETED', 'CLOSED'],
];

describe('order state table', () => {
  it.each(ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as const)))('%s → %s follows the specification', (from, to) => {
    const expected = ALLOWED.some(([f, t]) => f === from && t === to);
    expect(orderStates.can(from, to)).toBe(expected);
  });

  it('never lets a shipped order go back to paid, or a cancelled one be paid', () => {
    expect(orderStates.can('SHIPPED', 'PAID')).toBe(false);
    expect(orderStates.can('CANCELLED', 'PAID')).toBe(false);
    expect(orderStates.can('CLOSED', 'PAID')).toBe(false);
  });

  it('keeps READY for counter orders and SHIPPED for delivered ones', () => {
    expect(transitionFitsDelivery('PAID', 'READY', 'PICKUP')).toBe(true);
    expect(transitionFitsDelivery('PAID', 'READY', 'DINE_IN')).toBe(true);
    expect(transitionFitsDelivery('PAID', 'READY', 'EXPRESS')).toBe(false);
    expect(transitionFitsDelivery('PAID', 'SHIPPED', 'LOCAL_DELIVERY')).toBe(true);
    expect(transitionFitsDelivery('PAID', 'SHIPPED', 'PICKUP')).toBe(false);
    expect(transitionFitsDelivery('SHIPPED', 'COMPLETED', 'EXPRESS')).toBe(true);
    expect(transitionFitsDelivery('READY', 'COMPLETED', 'EXPRESS')).toBe(false);
  });
});

export const DELIVERY_TYPES = ['EXPRESS', 'LOCAL_DELIVERY', 'PICKUP', 'DINE_IN'] as const;
/** How an order reaches the shopper; a store offers a subset of these (its service modes). */
export type DeliveryType = (typeof DELIVERY_TYPES)[number];

export const STORE_STATUSES = ['OPEN', 'CLOSED'] as const;
/** CLOSED is a temporary closure that overrides the business hours. */
export type StoreStatus = (typeof STORE_STATUSES)[number];

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

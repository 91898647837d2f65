/** Why a cart line cannot be ordered now (shown on the line, and carried by PRODUCT_UNAVAILABLE). */
export const UNAVAILABLE_REASONS = ['DELETED', 'OFF_SALE', 'OUT_OF_STOCK', 'INSUFFICIENT_STOCK'] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

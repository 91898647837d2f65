import { CartFullError, CartQuantityExceededError } from './cart.errors';
import type { UnavailableReason } from './unavailable-reason';

export const CART_LIMITS = { maxQuantityPerLine: 99, maxLines: 50 } as const;

export { UNAVAILABLE_REASONS, type UnavailableReason } from './unavailable-reason';

export interface SkuState {
  productStatus: string;
  productDeleted: boolean;
  skuDeleted: boolean;
  stock: number;
}

/** Why a line cannot be bought as it stands (null: it can). */
export function unavailableReason(sku: SkuState | undefined, quantity: number): UnavailableReason | null {
  if (!sku || sku.productDeleted || sku.skuDeleted) return 'DELETED';
  if (sku.productStatus !== 'ON_SALE') return 'OFF_SALE';
  if (sku.stock <= 0) return 'OUT_OF_STOCK';
  if (sku.stock < quantity) return 'INSUFFICIENT_STOCK';
  return null;
}

/** 400 CART_QUANTITY_EXCEEDED past the per-line cap (also when adding merges into a line). */
export function assertLineQuantity(quantity: number): void {
  if (quantity > CART_LIMITS.maxQuantityPerLine) {
    throw new CartQuantityExceededError(CART_LIMITS.maxQuantityPerLine, quantity);
  }
}

/** 409 CART_FULL when a new line would pass the per-cart cap. */
export function assertRoomForLine(lines: number): void {
  if (lines >= CART_LIMITS.maxLines) {
    throw new CartFullError(CART_LIMITS.maxLines);
  }
}

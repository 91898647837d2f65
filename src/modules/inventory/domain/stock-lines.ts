import { BadRequestError } from '../../../shared/domain/domain-error';

export interface StockLine {
  skuId: number;
  quantity: number;
}

export const MAX_LINE_QUANTITY = 1_000_000;

/**
 * Validates lines (positive whole quantities), merges repeated SKUs and sorts by SKU id, so that
 * concurrent transactions lock stock rows in the same order and cannot deadlock each other.
 */
export function normalizeStockLines(lines: readonly StockLine[]): StockLine[] {
  if (lines.length === 0) throw new BadRequestError('INVALID_STOCK_LINES', 'No stock lines given');
  const merged = new Map<number, number>();
  for (const line of lines) {
    if (!Number.isSafeInteger(line.skuId) || line.skuId <= 0) {
      throw new BadRequestError('INVALID_STOCK_LINES', 'A SKU id must be a positive integer', { skuId: line.skuId });
    }
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0 || line.quantity > MAX_LINE_QUANTITY) {
      throw new BadRequestError('INVALID_STOCK_LINES', `A quantity must be a whole number from 1 to ${MAX_LINE_QUANTITY}`, line);
    }
    merged.set(line.skuId, (merged.get(line.skuId) ?? 0) + line.quantity);
  }
  return [...merged.entries()].sort(([a], [b]) => a - b).map(([skuId, quantity]) => ({ skuId, quantity }));
}

/** A fall below the low-stock threshold happened (from at or above it to below it). */
export function crossedBelowThreshold(before: number, after: number, threshold: number): boolean {
  return threshold > 0 && before >= threshold && after < threshold;
}

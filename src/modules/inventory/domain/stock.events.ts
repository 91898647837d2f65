import type { StockReason } from './stock-ledger.entity';

/** A SKU's stock fell below its low-stock threshold (emitted after the change committed). */
export class StockRanLowEvent {
  static readonly eventName = 'inventory.stock-ran-low';

  constructor(
    readonly skuId: number,
    readonly productId: number,
    readonly stock: number,
    readonly threshold: number,
    readonly reason: StockReason,
  ) {}
}

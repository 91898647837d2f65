import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { StockRanLowEvent } from '../domain/stock.events';

/** Logs low-stock events until the alarm module turns them into alarms. */
@Injectable()
export class LowStockListener {
  private readonly logger = new Logger('LowStock');

  @OnEvent(StockRanLowEvent.eventName)
  handle(event: StockRanLowEvent): void {
    this.logger.warn(
      { skuId: event.skuId, productId: event.productId, stock: event.stock, threshold: event.threshold, reason: event.reason },
      `SKU ${event.skuId} is low on stock: ${event.stock} left (threshold ${event.threshold})`,
    );
  }
}

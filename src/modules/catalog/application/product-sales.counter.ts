import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InventoryService, SalesChange, SalesCounter } from '../../inventory';
import { ProductEntity } from '../domain/product.entity';

/** Keeps `product.sales` in step with stock taken for orders and given back, in the same transaction. */
@Injectable()
export class ProductSalesCounter implements SalesCounter, OnModuleInit {
  constructor(private readonly inventory: InventoryService) {}

  onModuleInit(): void {
    this.inventory.registerSalesCounter(this);
  }

  async addSales(em: EntityManager, changes: SalesChange[]): Promise<void> {
    const byProduct = new Map<number, number>();
    for (const c of changes) byProduct.set(c.productId, (byProduct.get(c.productId) ?? 0) + c.quantity);
    // In id order, like the stock rows before them, so concurrent orders lock rows in one order.
    for (const [productId, quantity] of [...byProduct].sort(([a], [b]) => a - b)) {
      if (quantity === 0) continue;
      await em
        .createQueryBuilder()
        .update(ProductEntity)
        .set({ sales: () => (quantity > 0 ? 'sales + :n' : 'CASE WHEN sales >= :n THEN sales - :n ELSE 0 END') })
        .where('id = :productId', { productId, n: Math.abs(quantity) })
        .updateEntity(false)
        .callListeners(false)
        .execute();
    }
  }
}

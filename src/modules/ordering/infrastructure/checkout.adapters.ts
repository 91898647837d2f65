import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CartService } from '../../cart';
import { CatalogService } from '../../catalog';
import { InventoryService } from '../../inventory';
import { StoreService } from '../../store';
import type { DeliveryType } from '../domain/order-status';
import { CartPort, CatalogPort, CheckoutSku, InventoryPort, OrderableStore, StockLine, StorePort } from '../application/ports';

/** The ports of checkout, each over the exported application service of its context. */
@Injectable()
export class CatalogAdapter extends CatalogPort {
  constructor(private readonly catalog: CatalogService) {
    super();
  }

  async skusForCheckout(skuIds: number[], em?: EntityManager): Promise<Map<number, CheckoutSku>> {
    const skus = await this.catalog.getSkusForCheckout(skuIds, em);
    return new Map(
      skus.map((s) => [
        s.skuId,
        {
          skuId: s.skuId,
          productId: s.productId,
          categoryId: s.categoryId,
          name: s.productName,
          specValues: s.specValues,
          image: s.image,
          price: s.price,
          unavailableReason: s.purchasable ? null : s.productDeleted || s.skuDeleted ? 'DELETED' : 'OFF_SALE',
        },
      ]),
    );
  }
}

@Injectable()
export class InventoryAdapter extends InventoryPort {
  constructor(private readonly inventory: InventoryService) {
    super();
  }

  async take(em: EntityManager, lines: StockLine[], orderId: number): Promise<void> {
    await this.inventory.takeStock(em, lines, { type: 'ORDER', id: orderId });
  }

  async release(em: EntityManager, lines: StockLine[], orderId: number): Promise<void> {
    await this.inventory.releaseStock(em, lines, { type: 'ORDER', id: orderId });
  }

  async restore(em: EntityManager, lines: StockLine[], _orderId: number, afterSaleId: number): Promise<void> {
    await this.inventory.restoreStock(em, lines, { type: 'AFTER_SALE', id: afterSaleId });
  }
}

@Injectable()
export class StoreAdapter extends StorePort {
  constructor(private readonly stores: StoreService) {
    super();
  }

  async checkOrderable(storeId: number, deliveryType: DeliveryType, location: { latitude: number; longitude: number } | null, at: Date): Promise<OrderableStore> {
    const { store } = await this.stores.checkOrderable(storeId, deliveryType, location, at);
    return { id: store.id, localDeliveryFee: store.localDeliveryFee };
  }
}

@Injectable()
export class CartAdapter extends CartPort {
  constructor(private readonly cart: CartService) {
    super();
  }

  async removeOrderedLines(em: EntityManager, shopperId: number, skuIds: number[]): Promise<void> {
    await this.cart.removeLines(em, shopperId, skuIds);
  }
}

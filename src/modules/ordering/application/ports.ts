import type { EntityManager } from 'typeorm';
import type { AddressSnapshot } from '../domain/order.entity';
import type { DeliveryType } from '../domain/order-status';

/**
 * What ordering needs from the contexts it depends on. Each port is implemented in
 * ordering/infrastructure by an adapter over that context's exported application service, so the
 * ordering use cases read as the business rules and the wiring stays in one place.
 */
export interface CheckoutSku {
  skuId: number;
  productId: number;
  categoryId: number;
  name: string;
  specValues: Record<string, string>;
  image: string | null;
  price: number;
  /** null when the SKU may be ordered; otherwise why not (OFF_SALE, DELETED, ...). */
  unavailableReason: string | null;
}

export abstract class CatalogPort {
  abstract skusForCheckout(skuIds: number[], em?: EntityManager): Promise<Map<number, CheckoutSku>>;
}

export interface StockLine {
  skuId: number;
  quantity: number;
}

export abstract class InventoryPort {
  /** All or nothing inside the caller's transaction; throws 409 OUT_OF_STOCK naming the SKU. */
  abstract take(em: EntityManager, lines: StockLine[], orderId: number): Promise<void>;
  /** Gives back stock taken for an order that was cancelled. */
  abstract release(em: EntityManager, lines: StockLine[], orderId: number): Promise<void>;
  /** Puts returned goods back on the shelf (after a refund of a return). */
  abstract restore(em: EntityManager, lines: StockLine[], orderId: number, afterSaleId: number): Promise<void>;
}

export interface OrderableStore {
  id: number;
  localDeliveryFee: number;
}

export abstract class StorePort {
  /** Throws STORE_CLOSED, OUT_OF_DELIVERY_RANGE or a 409 for an unsupported mode; 404 for no such store. */
  abstract checkOrderable(storeId: number, deliveryType: DeliveryType, location: { latitude: number; longitude: number } | null, at: Date): Promise<OrderableStore>;
}

export abstract class CartPort {
  abstract removeOrderedLines(em: EntityManager, shopperId: number, skuIds: number[]): Promise<void>;
}

export abstract class AddressPort {
  /** The shopper's own address as a snapshot; 404 when it is not theirs. */
  abstract snapshot(shopperId: number, addressId: number): Promise<AddressSnapshot>;
}

export interface ShippingInfoAnswer {
  /** 0 when WeChat accepted the information. */
  errcode: number;
  errmsg: string;
}

/** WeChat's order shipping API (发货信息管理); throws on a network or protocol failure. */
export abstract class ShippingInfoPort {
  abstract upload(body: Record<string, unknown>): Promise<ShippingInfoAnswer>;
}

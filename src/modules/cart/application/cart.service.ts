import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction-runner';
import { ConflictError, NotFoundError } from '../../../shared/domain/domain-error';
import { CatalogService, CheckoutSku } from '../../catalog';
import { CartItemEntity } from '../domain/cart-item.entity';
import { assertLineQuantity, assertRoomForLine, unavailableReason, UnavailableReason } from '../domain/cart-rules';

export interface CartLine {
  id: number;
  skuId: number;
  productId: number | null;
  name: string | null;
  specValues: Record<string, string>;
  specText: string;
  image: string | null;
  /** Current price, fen. */
  price: number | null;
  quantity: number;
  selected: boolean;
  stock: number;
  available: boolean;
  unavailableReason: UnavailableReason | null;
}

export interface CartView {
  items: CartLine[];
  /** Units in selected, available lines. */
  selectedQuantity: number;
  /** Sum of price × quantity over selected, available lines, fen. */
  selectedAmount: number;
}

/** A line to check out: what ordering reads from the cart. */
export interface SelectedCartLine {
  itemId: number;
  skuId: number;
  quantity: number;
}

@Injectable()
export class CartService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly catalog: CatalogService,
  ) {}

  /** Every line with its current price and availability; a line that cannot be bought never fails the cart. */
  async view(shopperId: number): Promise<CartView> {
    const lines = await this.dataSource.getRepository(CartItemEntity).find({ where: { shopperId }, order: { id: 'DESC' } });
    const skus = await this.skusOf(lines.map((l) => l.skuId));
    const items = lines.map((line) => present(line, skus.get(line.skuId)));
    const chosen = items.filter((i) => i.selected && i.available);
    return {
      items,
      selectedQuantity: chosen.reduce((sum, i) => sum + i.quantity, 0),
      selectedAmount: chosen.reduce((sum, i) => sum + (i.price ?? 0) * i.quantity, 0),
    };
  }

  /**
   * Adds units of a SKU, merging into its line if there is one (the line becomes selected).
   * 404 for an unknown SKU, 409 PRODUCT_UNAVAILABLE when off sale or deleted, 409 OUT_OF_STOCK
   * beyond the stock, 400 CART_QUANTITY_EXCEEDED past the per-line cap, 409 CART_FULL past the line cap.
   */
  async add(shopperId: number, skuId: number, quantity: number): Promise<CartLine> {
    return this.tx.run(async (em) => {
      const [sku] = await this.catalog.getSkusForCheckout([skuId], em);
      if (!sku) throw new NotFoundError('SKU', { skuId });
      if (!sku.purchasable) {
        throw new ConflictError('PRODUCT_UNAVAILABLE', 'This product is not on sale', { skuId, reason: unavailableReason(sku, quantity) });
      }
      const existing = await em.findOneBy(CartItemEntity, { shopperId, skuId });
      const total = (existing?.quantity ?? 0) + quantity;
      assertLineQuantity(total);
      assertEnoughStock(sku, total);
      let line: CartItemEntity;
      if (existing) {
        existing.quantity = total;
        existing.selected = true;
        line = await em.save(existing);
      } else {
        assertRoomForLine(await em.countBy(CartItemEntity, { shopperId }));
        line = await em.save(em.create(CartItemEntity, { shopperId, skuId, quantity, selected: true }));
      }
      return present(line, sku);
    });
  }

  /** Changes the quantity (more than the stock: 409 OUT_OF_STOCK) and/or selection of one of the shopper's lines. */
  async update(shopperId: number, itemId: number, change: { quantity?: number; selected?: boolean }): Promise<CartLine> {
    return this.tx.run(async (em) => {
      const line = await em.findOneBy(CartItemEntity, { id: itemId, shopperId });
      if (!line) throw new NotFoundError('Cart item', { itemId });
      const [sku] = await this.catalog.getSkusForCheckout([line.skuId], em);
      if (change.quantity !== undefined) {
        assertLineQuantity(change.quantity);
        if (change.quantity > line.quantity && sku?.purchasable) assertEnoughStock(sku, change.quantity);
        line.quantity = change.quantity;
      }
      if (change.selected !== undefined) line.selected = change.selected;
      return present(await em.save(line), sku);
    });
  }

  async remove(shopperId: number, itemId: number): Promise<void> {
    await this.tx.run(async (em) => {
      const result = await em.delete(CartItemEntity, { id: itemId, shopperId });
      if (!result.affected) throw new NotFoundError('Cart item', { itemId });
    });
  }

  /** Empties the cart, or only its selected lines. Returns how many lines went. */
  async clear(shopperId: number, selectedOnly: boolean): Promise<number> {
    return this.tx.run(async (em) => {
      const result = await em.delete(CartItemEntity, selectedOnly ? { shopperId, selected: true } : { shopperId });
      return result.affected ?? 0;
    });
  }

  /** The selected lines, oldest first (ordering checks availability itself when it places the order). */
  async selectedLines(shopperId: number, em?: EntityManager): Promise<SelectedCartLine[]> {
    const lines = await (em ?? this.dataSource.manager).find(CartItemEntity, {
      where: { shopperId, selected: true },
      order: { id: 'ASC' },
    });
    return lines.map((l) => ({ itemId: l.id, skuId: l.skuId, quantity: l.quantity }));
  }

  /** Removes the shopper's lines of these SKUs, inside the caller's transaction (an order placed from the cart). */
  async removeLines(em: EntityManager, shopperId: number, skuIds: readonly number[]): Promise<number> {
    if (skuIds.length === 0) return 0;
    const result = await em.delete(CartItemEntity, { shopperId, skuId: In([...new Set(skuIds)]) });
    return result.affected ?? 0;
  }

  private async skusOf(ids: number[]): Promise<Map<number, CheckoutSku>> {
    const skus = await this.catalog.getSkusForCheckout(ids);
    return new Map(skus.map((s) => [s.skuId, s]));
  }
}

function assertEnoughStock(sku: CheckoutSku, quantity: number): void {
  if (sku.stock < quantity) {
    throw new ConflictError('OUT_OF_STOCK', sku.stock > 0 ? `Only ${sku.stock} left` : 'Sold out', { skuId: sku.skuId, available: sku.stock });
  }
}

function present(line: CartItemEntity, sku: CheckoutSku | undefined): CartLine {
  const reason = unavailableReason(sku, line.quantity);
  return {
    id: line.id,
    skuId: line.skuId,
    productId: sku?.productId ?? null,
    name: sku?.productName ?? null,
    specValues: sku?.specValues ?? {},
    specText: sku?.specText ?? '',
    image: sku?.image ?? null,
    price: sku?.price ?? null,
    quantity: line.quantity,
    selected: line.selected,
    stock: sku?.stock ?? 0,
    available: reason === null,
    unavailableReason: reason,
  };
}

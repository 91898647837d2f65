import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction-runner';
import { CatalogService, CheckoutSku } from '../../catalog';
import { CartItemEntity } from '../domain/cart-item.entity';
import { assertLineQuantity, assertRoomForLine, unavailableReason, UnavailableReason } from '../domain/cart-rules';
import { CartItemNotFoundError, CartOutOfStockError, CartProductUnavailableError, SkuNotFoundError } from '../domain/cart.errors';
import { CartItemRepository } from '../infrastructure/cart-item.repository';
import { CartRepository } from '../infrastructure/cart.repository';

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
    private readonly tx: TransactionRunner,
    private readonly catalog: CatalogService,
    private readonly carts: CartRepository,
    private readonly items: CartItemRepository,
  ) {}

  /** Every line with its current price and availability; a line that cannot be bought never fails the cart. */
  async view(shopperId: number): Promise<CartView> {
    const lines = await this.items.linesOf(shopperId);
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
   *
   * The shopper's cart row is locked first, so one shopper's adds run one at a time; the units go
   * in with one atomic upsert and the caps are checked on the result (a refusal throws, which rolls
   * the upsert back). So parallel adds neither lose units, nor answer 409 for a line being
   * created, nor pass a cap.
   */
  async add(shopperId: number, skuId: number, quantity: number): Promise<CartLine> {
    return this.tx.run(async (em) => {
      await this.carts.lock(shopperId, em);
      const [sku] = await this.catalog.getSkusForCheckout([skuId], em);
      if (!sku) throw new SkuNotFoundError(skuId);
      if (!sku.purchasable) throw new CartProductUnavailableError(skuId, unavailableReason(sku, quantity));
      const { line, created } = await this.items.addUnits(shopperId, skuId, quantity, em);
      assertLineQuantity(line.quantity);
      assertEnoughStock(sku, line.quantity);
      if (created) assertRoomForLine((await this.items.countLinesForUpdate(shopperId, em)) - 1);
      return present(line, sku);
    });
  }

  /** Changes the quantity (more than the stock: 409 OUT_OF_STOCK) and/or selection of one of the shopper's lines. */
  async update(shopperId: number, itemId: number, change: { quantity?: number; selected?: boolean }): Promise<CartLine> {
    return this.tx.run(async (em) => {
      const line = await this.items.findLine(shopperId, itemId, em);
      if (!line) throw new CartItemNotFoundError(itemId);
      const [sku] = await this.catalog.getSkusForCheckout([line.skuId], em);
      if (change.quantity !== undefined) {
        assertLineQuantity(change.quantity);
        if (change.quantity > line.quantity && sku?.purchasable) assertEnoughStock(sku, change.quantity);
        line.quantity = change.quantity;
      }
      if (change.selected !== undefined) line.selected = change.selected;
      return present(await this.items.save(line, em), sku);
    });
  }

  async remove(shopperId: number, itemId: number): Promise<void> {
    await this.tx.run(async (em) => {
      if (!(await this.items.deleteLine(shopperId, itemId, em))) throw new CartItemNotFoundError(itemId);
    });
  }

  /** Empties the cart, or only its selected lines. Returns how many lines went. */
  async clear(shopperId: number, selectedOnly: boolean): Promise<number> {
    return this.tx.run((em) => this.items.deleteLines(shopperId, selectedOnly, em));
  }

  /** The selected lines, oldest first (ordering checks availability itself when it places the order). */
  async selectedLines(shopperId: number, em?: EntityManager): Promise<SelectedCartLine[]> {
    const lines = await this.items.selectedLinesOf(shopperId, em);
    return lines.map((l) => ({ itemId: l.id, skuId: l.skuId, quantity: l.quantity }));
  }

  /** Removes the shopper's lines of these SKUs, inside the caller's transaction (an order placed from the cart). */
  removeLines(em: EntityManager, shopperId: number, skuIds: readonly number[]): Promise<number> {
    return this.items.deleteSkus(shopperId, skuIds, em);
  }

  private async skusOf(ids: number[]): Promise<Map<number, CheckoutSku>> {
    const skus = await this.catalog.getSkusForCheckout(ids);
    return new Map(skus.map((s) => [s.skuId, s]));
  }
}

function assertEnoughStock(sku: CheckoutSku, quantity: number): void {
  if (sku.stock < quantity) throw new CartOutOfStockError(sku.skuId, sku.stock);
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

import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, EntityManager, In } from 'typeorm';
import { afterCommit, assertInTransaction } from '../../../database/after-commit';
import { TransactionRunner } from '../../../database/transaction-runner';
import { BadRequestError, ConflictError, NotFoundError } from '../../../shared/domain/domain-error';
import { Page, pageOf } from '../../../shared/http/pagination';
import { SkuStockEntity } from '../domain/sku-stock.entity';
import { StockLedgerEntity, StockReason, StockRefType, STOCK_REF_TYPES } from '../domain/stock-ledger.entity';
import { crossedBelowThreshold, normalizeStockLines, StockLine } from '../domain/stock-lines';
import { StockRanLowEvent } from '../domain/stock.events';
import { isUniqueViolation } from '../../../database/unique-violation';

/** What a stock movement is for. Use the order for take/release and the after-sale for a return. */
export interface StockRef {
  type: StockRefType;
  id: number | string;
}

/** The result of a movement, per SKU (lines merged by SKU, sorted by SKU id). */
export interface StockMovement {
  skuId: number;
  productId: number;
  /** Signed change applied. */
  delta: number;
  stockAfter: number;
}

/** Signed sales change per SKU: positive when stock was taken for an order, negative when it came back. */
export interface SalesChange {
  skuId: number;
  productId: number;
  quantity: number;
}

/**
 * Keeps sales counters (kept by catalog on the product row) in step with stock movements, inside
 * the same transaction. Catalog registers one at start-up; inventory does not depend on catalog.
 */
export interface SalesCounter {
  addSales(em: EntityManager, changes: SalesChange[]): Promise<void>;
}

export interface OpeningStock {
  skuId: number;
  productId: number;
  stock: number;
  lowStockThreshold: number;
}

export interface SkuStockLevel {
  stock: number;
  lowStockThreshold: number;
}

const MOVEMENTS = {
  ORDER_PLACED: -1,
  ORDER_CANCELLED: 1,
  RETURNED: 1,
} as const satisfies Partial<Record<StockReason, 1 | -1>>;


/**
 * Stock per SKU and its ledger. Every change is one conditional UPDATE (stock never goes below
 * zero, whatever the concurrency) plus a ledger row; a fall below the low-stock threshold raises
 * StockRanLowEvent after commit.
 */
@Injectable()
export class InventoryService {
  private readonly salesCounters: SalesCounter[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly events: EventEmitter2,
  ) {}

  registerSalesCounter(counter: SalesCounter): void {
    this.salesCounters.push(counter);
  }

  /**
   * Takes stock for an order, all or nothing, inside the caller's transaction (a savepoint undoes
   * a partial take even if the caller catches the error). Refuses with
   * `409 OUT_OF_STOCK { skuId, requested, available }` naming the first SKU (by id) that lacks
   * stock, `409 STOCK_ALREADY_RECORDED` when this reference already took stock, NotFoundError for an
   * unknown SKU. Sales go up by the quantities.
   */
  takeStock(em: EntityManager, lines: readonly StockLine[], ref: StockRef): Promise<StockMovement[]> {
    return this.move(em, lines, ref, 'ORDER_PLACED');
  }

  /** Puts stock back for a cancelled order (sales go down). A second release of the same order and SKU is refused (409 STOCK_ALREADY_RECORDED). */
  releaseStock(em: EntityManager, lines: readonly StockLine[], ref: StockRef): Promise<StockMovement[]> {
    return this.move(em, lines, ref, 'ORDER_CANCELLED');
  }

  /** Puts returned goods back on the shelf (sales go down). Pass the after-sale as the reference so partial returns of one order each restore once. */
  restoreStock(em: EntityManager, lines: readonly StockLine[], ref: StockRef): Promise<StockMovement[]> {
    return this.move(em, lines, ref, 'RETURNED');
  }

  /** Staff adjustment by a signed delta, never below zero (409 INSUFFICIENT_STOCK). */
  async adjust(skuId: number, delta: number, note: string, operatorId: number | null): Promise<{ skuId: number; stock: number }> {
    if (!Number.isSafeInteger(delta) || delta === 0) throw new BadRequestError('INVALID_STOCK_DELTA', 'delta must be a non-zero whole number');
    return this.tx.run(async (em) => {
      const qb = em
        .createQueryBuilder()
        .update(SkuStockEntity)
        .set({ stock: () => 'stock + :delta' })
        .where('sku_id = :skuId')
        .setParameters({ skuId, delta });
      if (delta < 0) qb.andWhere('stock >= :need', { need: -delta });
      const result = await qb.execute();
      const row = await em.findOneBy(SkuStockEntity, { skuId });
      if (!row) throw new NotFoundError('SKU', { skuId });
      if (!result.affected) {
        throw new ConflictError('INSUFFICIENT_STOCK', `Stock cannot go below zero: ${row.stock} left, delta ${delta}`, {
          skuId,
          stock: row.stock,
          delta,
        });
      }
      await em.insert(StockLedgerEntity, {
        skuId,
        productId: row.productId,
        delta,
        stockAfter: row.stock,
        reason: 'ADJUSTMENT',
        refType: null,
        refId: null,
        operatorId,
        note,
      });
      this.raiseLowStock(em, [{ skuId, productId: row.productId, delta, stockAfter: row.stock }], new Map([[skuId, row.lowStockThreshold]]), 'ADJUSTMENT');
      return { skuId, stock: row.stock };
    });
  }

  /** Creates the stock rows of new SKUs (catalog calls this when it creates SKUs), with an INITIAL ledger row. */
  async openStock(em: EntityManager, items: readonly OpeningStock[], operatorId: number | null): Promise<void> {
    if (items.length === 0) return;
    await em.insert(
      SkuStockEntity,
      items.map((i) => ({ skuId: i.skuId, productId: i.productId, stock: i.stock, lowStockThreshold: i.lowStockThreshold })),
    );
    const opened = items.filter((i) => i.stock > 0);
    if (opened.length > 0) {
      await em.insert(
        StockLedgerEntity,
        opened.map((i) => ({
          skuId: i.skuId,
          productId: i.productId,
          delta: i.stock,
          stockAfter: i.stock,
          reason: 'INITIAL' as const,
          refType: null,
          refId: null,
          operatorId,
          note: null,
        })),
      );
    }
  }

  async setThreshold(em: EntityManager, skuId: number, lowStockThreshold: number): Promise<void> {
    await em.update(SkuStockEntity, { skuId }, { lowStockThreshold });
  }

  /** Current stock and threshold of each known SKU. */
  async stockOf(skuIds: readonly number[], em?: EntityManager): Promise<Map<number, SkuStockLevel>> {
    if (skuIds.length === 0) return new Map();
    const rows = await (em ?? this.dataSource.manager).find(SkuStockEntity, {
      select: { skuId: true, stock: true, lowStockThreshold: true },
      where: { skuId: In([...new Set(skuIds)]) },
    });
    return new Map(rows.map((r) => [r.skuId, { stock: r.stock, lowStockThreshold: r.lowStockThreshold }]));
  }

  async ledger(skuId: number, query: { page: number; pageSize: number }): Promise<Page<StockLedgerEntity>> {
    const exists = await this.dataSource.getRepository(SkuStockEntity).existsBy({ skuId });
    if (!exists) throw new NotFoundError('SKU', { skuId });
    const [items, total] = await this.dataSource.getRepository(StockLedgerEntity).findAndCount({
      where: { skuId },
      order: { id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return pageOf(items, total, query);
  }

  private async move(em: EntityManager, lines: readonly StockLine[], ref: StockRef, reason: keyof typeof MOVEMENTS): Promise<StockMovement[]> {
    assertInTransaction(em, 'InventoryService stock movements');
    const normalized = normalizeStockLines(lines);
    const refType = ref.type;
    const refId = String(ref.id);
    if (!STOCK_REF_TYPES.includes(refType) || refId.length === 0 || refId.length > 64) {
      throw new BadRequestError('INVALID_STOCK_REF', 'A stock reference needs a known type and an id of 1 to 64 characters', ref);
    }
    const sign = MOVEMENTS[reason];
    const skuIds = normalized.map((l) => l.skuId);

    const { movements, thresholds } = await em.transaction(async (inner) => {
      const recorded = await inner.findOne(StockLedgerEntity, {
        select: { skuId: true },
        where: { refType, refId, reason, skuId: In(skuIds) },
      });
      if (recorded) throw this.alreadyRecorded(ref, reason, recorded.skuId);

      for (const line of normalized) {
        const qb = inner
          .createQueryBuilder()
          .update(SkuStockEntity)
          .set({ stock: () => (sign < 0 ? 'stock - :qty' : 'stock + :qty') })
          .where('sku_id = :skuId')
          .setParameters({ skuId: line.skuId, qty: line.quantity });
        if (sign < 0) qb.andWhere('stock >= :qty');
        const result = await qb.execute();
        if (!result.affected) {
          const row = await inner.findOneBy(SkuStockEntity, { skuId: line.skuId });
          if (!row) throw new NotFoundError('SKU', { skuId: line.skuId });
          throw new ConflictError('OUT_OF_STOCK', `Not enough stock for SKU ${line.skuId}`, {
            skuId: line.skuId,
            requested: line.quantity,
            available: row.stock,
          });
        }
      }

      const rows = new Map((await inner.findBy(SkuStockEntity, { skuId: In(skuIds) })).map((r) => [r.skuId, r]));
      const moved: StockMovement[] = normalized.map((line) => {
        const row = rows.get(line.skuId)!;
        return { skuId: line.skuId, productId: row.productId, delta: sign * line.quantity, stockAfter: row.stock };
      });
      try {
        await inner.insert(
          StockLedgerEntity,
          moved.map((m) => ({ ...m, reason, refType, refId, operatorId: null, note: null })),
        );
      } catch (error) {
        // Two concurrent identical requests both passed the check above: the unique key decides.
        if (isUniqueViolation(error)) throw this.alreadyRecorded(ref, reason, moved[0].skuId);
        throw error;
      }
      const sales = moved.map((m) => ({ skuId: m.skuId, productId: m.productId, quantity: -m.delta }));
      for (const counter of this.salesCounters) await counter.addSales(inner, sales);
      return { movements: moved, thresholds: new Map([...rows].map(([id, r]) => [id, r.lowStockThreshold])) };
    });

    this.raiseLowStock(em, movements, thresholds, reason);
    return movements;
  }

  private alreadyRecorded(ref: StockRef, reason: StockReason, skuId: number): ConflictError {
    return new ConflictError('STOCK_ALREADY_RECORDED', `Stock was already moved (${reason}) for ${ref.type} ${ref.id}`, {
      ref,
      reason,
      skuId,
    });
  }

  private raiseLowStock(em: EntityManager, movements: StockMovement[], thresholds: Map<number, number>, reason: StockReason): void {
    for (const m of movements) {
      const threshold = thresholds.get(m.skuId) ?? 0;
      if (m.delta < 0 && crossedBelowThreshold(m.stockAfter - m.delta, m.stockAfter, threshold)) {
        const event = new StockRanLowEvent(m.skuId, m.productId, m.stockAfter, threshold, reason);
        afterCommit(em, () => this.events.emit(StockRanLowEvent.eventName, event));
      }
    }
  }
}

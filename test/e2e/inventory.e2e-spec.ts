import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { InventoryService, StockRanLowEvent } from '../../src/modules/inventory';
import { DomainError } from '../../src/shared/domain/domain-error';
import { createTestApp, TestApp } from '../support/app-factory';
import { seedCategory, seedProduct } from '../support/shop-builders';
import { anonymous, ApiClient, asAdmin } from '../support/clients';

describe('inventory', () => {
  let t: TestApp;
  let staff: ApiClient;
  let inventory: InventoryService;
  let tx: TransactionRunner;
  let category: number;
  const lowStock: StockRanLowEvent[] = [];

  const stockOf = async (skuId: number) => (await inventory.stockOf([skuId])).get(skuId)?.stock;
  const salesOf = async (productId: number) => (await staff.get(`/api/v1/admin/products/${productId}`).expect(200)).body.sales as number;
  const ledgerOf = async (skuId: number) => (await staff.get(`/api/v1/admin/skus/${skuId}/stock-ledger?pageSize=100`).expect(200)).body;
  const oneSku = async (stock: number, extra: Record<string, unknown> = {}) => {
    const p = await seedProduct(staff, { categoryId: category, skus: [{ stock, ...extra }] });
    return { productId: p.id, skuId: p.skus[0].id };
  };

  beforeAll(async () => {
    t = await createTestApp();
    staff = await asAdmin(t, ['category:write', 'product:read', 'product:write', 'stock:read', 'stock:write']);
    inventory = t.app.get(InventoryService);
    tx = t.app.get(TransactionRunner);
    category = await seedCategory(staff, 'Stock');
    t.app.get(EventEmitter2).on(StockRanLowEvent.eventName, (e: StockRanLowEvent) => lowStock.push(e));
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('staff adjustments', () => {
    it('adjusts by a delta with a reason and records it in the ledger after the opening stock', async () => {
      const { skuId, productId } = await oneSku(10);
      const up = await staff.post(`/api/v1/admin/skus/${skuId}/stock`, { delta: 5, reason: 'delivery from supplier' }).expect(200);
      expect(up.body).toEqual({ skuId, stock: 15 });
      const down = await staff.post(`/api/v1/admin/skus/${skuId}/stock`, { delta: -15, reason: 'stock count' }).expect(200);
      expect(down.body).toEqual({ skuId, stock: 0 });
      const ledger = await ledgerOf(skuId);
      expect(ledger.total).toBe(3);
      expect(ledger.items.map((e: { reason: string; delta: number; stockAfter: number; note: string | null }) => [e.reason, e.delta, e.stockAfter, e.note])).toEqual([
        ['ADJUSTMENT', -15, 0, 'stock count'],
        ['ADJUSTMENT', 5, 15, 'delivery from supplier'],
        ['INITIAL', 10, 10, null],
      ]);
      expect(ledger.items[0]).toMatchObject({ productId, operatorId: staff.id, refType: null, refId: null });
    });

    it('never goes below zero: 409 INSUFFICIENT_STOCK, stock and ledger unchanged', async () => {
      const { skuId } = await oneSku(3);
      const res = await staff.post(`/api/v1/admin/skus/${skuId}/stock`, { delta: -4, reason: 'oops' }).expect(409);
      expect(res.body).toMatchObject({ code: 'INSUFFICIENT_STOCK', details: { skuId, stock: 3, delta: -4 } });
      expect(await stockOf(skuId)).toBe(3);
      expect((await ledgerOf(skuId)).total).toBe(1);
    });

    it.each([
      ['a zero delta', { delta: 0, reason: 'x' }],
      ['a fractional delta', { delta: 1.5, reason: 'x' }],
      ['a delta as a string', { delta: '-1', reason: 'x' }],
      ['no reason', { delta: 1 }],
      ['an empty reason', { delta: 1, reason: '' }],
      ['a reason too long', { delta: 1, reason: 'x'.repeat(256) }],
    ])('refuses %s with 400 and changes nothing', async (_name, body) => {
      const { skuId } = await oneSku(5);
      const res = await staff.post(`/api/v1/admin/skus/${skuId}/stock`, body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(await stockOf(skuId)).toBe(5);
      expect((await ledgerOf(skuId)).total).toBe(1);
    });

    it('answers 404 for an unknown SKU and needs stock:write', async () => {
      await staff.post('/api/v1/admin/skus/999999/stock', { delta: 1, reason: 'x' }).expect(404);
      await staff.get('/api/v1/admin/skus/999999/stock-ledger').expect(404);
      const { skuId } = await oneSku(5);
      const reader = await asAdmin(t, ['stock:read']);
      await reader.post(`/api/v1/admin/skus/${skuId}/stock`, { delta: 1, reason: 'x' }).expect(403);
      await reader.get(`/api/v1/admin/skus/${skuId}/stock-ledger`).expect(200);
      await anonymous(t).post(`/api/v1/admin/skus/${skuId}/stock`, { delta: 1, reason: 'x' }).expect(401);
      expect(await stockOf(skuId)).toBe(5);
    });

    it('raises a low-stock event when stock falls below the threshold, once', async () => {
      const { skuId, productId } = await oneSku(12, { lowStockThreshold: 10 });
      await staff.post(`/api/v1/admin/skus/${skuId}/stock`, { delta: -2, reason: 'a' }).expect(200);
      expect(lowStock.filter((e) => e.skuId === skuId)).toEqual([]);
      await staff.post(`/api/v1/admin/skus/${skuId}/stock`, { delta: -3, reason: 'b' }).expect(200);
      await staff.post(`/api/v1/admin/skus/${skuId}/stock`, { delta: -1, reason: 'c' }).expect(200);
      expect(lowStock.filter((e) => e.skuId === skuId)).toEqual([{ skuId, productId, stock: 7, threshold: 10, reason: 'ADJUSTMENT' }]);
    });
  });

  describe('stock for orders', () => {
    it('takes stock for an order, raising sales, and releases it on cancel, lowering them', async () => {
      const a = await oneSku(10);
      const b = await oneSku(4);
      const taken = await tx.run((em) =>
        inventory.takeStock(
          em,
          [
            { skuId: b.skuId, quantity: 1 },
            { skuId: a.skuId, quantity: 2 },
            { skuId: b.skuId, quantity: 2 },
          ],
          { type: 'ORDER', id: 101 },
        ),
      );
      expect(taken).toEqual([
        { skuId: a.skuId, productId: a.productId, delta: -2, stockAfter: 8 },
        { skuId: b.skuId, productId: b.productId, delta: -3, stockAfter: 1 },
      ]);
      expect(await salesOf(a.productId)).toBe(2);
      expect(await salesOf(b.productId)).toBe(3);
      const listed = await anonymous(t).get(`/api/v1/app/products?categoryId=${category}&sort=sales&pageSize=100`).expect(200);
      expect(listed.body.items.find((i: { id: number }) => i.id === b.productId).sales).toBe(3);

      await tx.run((em) => inventory.releaseStock(em, [{ skuId: b.skuId, quantity: 3 }], { type: 'ORDER', id: 101 }));
      expect(await stockOf(b.skuId)).toBe(4);
      expect(await salesOf(b.productId)).toBe(0);
      const ledger = await ledgerOf(b.skuId);
      expect(ledger.items.map((e: { reason: string; delta: number; refType: string; refId: string }) => [e.reason, e.delta, e.refType, e.refId])).toEqual([
        ['ORDER_CANCELLED', 3, 'ORDER', '101'],
        ['ORDER_PLACED', -3, 'ORDER', '101'],
        ['INITIAL', 4, null, null],
      ]);
    });

    it('restores returned goods once per after-sale', async () => {
      const a = await oneSku(5);
      await tx.run((em) => inventory.takeStock(em, [{ skuId: a.skuId, quantity: 3 }], { type: 'ORDER', id: 'R-1' }));
      await tx.run((em) => inventory.restoreStock(em, [{ skuId: a.skuId, quantity: 1 }], { type: 'AFTER_SALE', id: 7 }));
      await tx.run((em) => inventory.restoreStock(em, [{ skuId: a.skuId, quantity: 1 }], { type: 'AFTER_SALE', id: 8 }));
      expect(await stockOf(a.skuId)).toBe(4);
      expect(await salesOf(a.productId)).toBe(1);
      await expect(tx.run((em) => inventory.restoreStock(em, [{ skuId: a.skuId, quantity: 1 }], { type: 'AFTER_SALE', id: 8 }))).rejects.toMatchObject({
        code: 'STOCK_ALREADY_RECORDED',
      });
      expect(await stockOf(a.skuId)).toBe(4);
    });

    it('refuses a second take or release for the same order, changing nothing', async () => {
      const a = await oneSku(10);
      await tx.run((em) => inventory.takeStock(em, [{ skuId: a.skuId, quantity: 1 }], { type: 'ORDER', id: 202 }));
      await expect(tx.run((em) => inventory.takeStock(em, [{ skuId: a.skuId, quantity: 1 }], { type: 'ORDER', id: 202 }))).rejects.toMatchObject({
        status: 409,
        code: 'STOCK_ALREADY_RECORDED',
      });
      await tx.run((em) => inventory.releaseStock(em, [{ skuId: a.skuId, quantity: 1 }], { type: 'ORDER', id: 202 }));
      await expect(tx.run((em) => inventory.releaseStock(em, [{ skuId: a.skuId, quantity: 1 }], { type: 'ORDER', id: 202 }))).rejects.toMatchObject({
        code: 'STOCK_ALREADY_RECORDED',
      });
      expect(await stockOf(a.skuId)).toBe(10);
      expect(await salesOf(a.productId)).toBe(0);
      expect((await ledgerOf(a.skuId)).total).toBe(3);
    });

    it('takes all or nothing, naming the first SKU that lacks stock, even when the caller catches the error', async () => {
      const plenty = await oneSku(10);
      const scarce = await oneSku(1);
      let caught: unknown;
      await tx.run(async (em) => {
        try {
          await inventory.takeStock(
            em,
            [
              { skuId: plenty.skuId, quantity: 3 },
              { skuId: scarce.skuId, quantity: 2 },
            ],
            { type: 'ORDER', id: 303 },
          );
        } catch (error) {
          caught = error;
        }
      });
      expect(caught).toBeInstanceOf(DomainError);
      expect(caught).toMatchObject({ status: 409, code: 'OUT_OF_STOCK', details: { skuId: scarce.skuId, requested: 2, available: 1 } });
      expect(await stockOf(plenty.skuId)).toBe(10);
      expect(await stockOf(scarce.skuId)).toBe(1);
      expect(await salesOf(plenty.productId)).toBe(0);
      expect((await ledgerOf(plenty.skuId)).total).toBe(1);
    });

    it('raises no low-stock event for a take that was rolled back, and one after a take that committed', async () => {
      const a = await oneSku(5, { lowStockThreshold: 3 });
      await expect(
        tx.run(async (em) => {
          await inventory.takeStock(em, [{ skuId: a.skuId, quantity: 4 }], { type: 'ORDER', id: 404 });
          throw new Error('payment set-up failed');
        }),
      ).rejects.toThrow('payment set-up failed');
      expect(await stockOf(a.skuId)).toBe(5);
      expect(lowStock.filter((e) => e.skuId === a.skuId)).toEqual([]);
      await tx.run((em) => inventory.takeStock(em, [{ skuId: a.skuId, quantity: 4 }], { type: 'ORDER', id: 405 }));
      expect(lowStock.filter((e) => e.skuId === a.skuId)).toEqual([{ skuId: a.skuId, productId: a.productId, stock: 1, threshold: 3, reason: 'ORDER_PLACED' }]);
    });

    it('refuses bad lines and unknown SKUs, and work outside a transaction', async () => {
      const a = await oneSku(5);
      await expect(tx.run((em) => inventory.takeStock(em, [{ skuId: a.skuId, quantity: 0 }], { type: 'ORDER', id: 1 }))).rejects.toMatchObject({ code: 'INVALID_STOCK_LINES' });
      await expect(tx.run((em) => inventory.takeStock(em, [{ skuId: a.skuId, quantity: -1 }], { type: 'ORDER', id: 1 }))).rejects.toMatchObject({ code: 'INVALID_STOCK_LINES' });
      await expect(tx.run((em) => inventory.takeStock(em, [{ skuId: 999999, quantity: 1 }], { type: 'ORDER', id: 1 }))).rejects.toMatchObject({ status: 404 });
      await expect(inventory.takeStock(t.app.get(DataSource).manager, [{ skuId: a.skuId, quantity: 1 }], { type: 'ORDER', id: 1 })).rejects.toThrow(/inside a transaction/);
      expect(await stockOf(a.skuId)).toBe(5);
    });
  });

  describe('concurrency', () => {
    it('ends exactly at zero when 50 orders race for 10 units', async () => {
      const a = await oneSku(10);
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => tx.run((em) => inventory.takeStock(em, [{ skuId: a.skuId, quantity: 1 }], { type: 'ORDER', id: `race-${i}` }))),
      );
      const ok = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
      expect(ok).toHaveLength(10);
      expect(refused).toHaveLength(40);
      expect(refused.every((r) => (r.reason as DomainError).code === 'OUT_OF_STOCK')).toBe(true);
      expect(await stockOf(a.skuId)).toBe(0);
      expect(await salesOf(a.productId)).toBe(10);
      const ledger = await ledgerOf(a.skuId);
      expect(ledger.items.filter((e: { reason: string }) => e.reason === 'ORDER_PLACED')).toHaveLength(10);
    });

    it('ends exactly at zero when staff send 25 parallel decrements against 10 units over HTTP', async () => {
      const a = await oneSku(10);
      const responses = await Promise.all(
        Array.from({ length: 25 }, () => staff.post(`/api/v1/admin/skus/${a.skuId}/stock`, { delta: -1, reason: 'parallel' })),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.filter((s) => s === 409)).toHaveLength(15);
      expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'INSUFFICIENT_STOCK')).toBe(true);
      expect(await stockOf(a.skuId)).toBe(0);
      expect((await ledgerOf(a.skuId)).items.filter((e: { reason: string }) => e.reason === 'ADJUSTMENT')).toHaveLength(10);
    });
  });
});

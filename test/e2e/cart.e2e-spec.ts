import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { CartService } from '../../src/modules/cart';
import { createTestApp, TestApp } from '../support/app-factory';
import { COLOUR_SIZE, seedCategory, seedProduct, SeededProduct } from '../support/shop-builders';
import { anonymous, ApiClient, asAdmin, asShopper } from '../support/clients';

describe('cart', () => {
  let t: TestApp;
  let staff: ApiClient;
  let category: number;
  let tee: SeededProduct;

  const cartLines = async () => Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM cart_item'))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    staff = await asAdmin(t, ['category:write', 'product:read', 'product:write', 'stock:write']);
    category = await seedCategory(staff, 'Cart');
    tee = await seedProduct(staff, {
      categoryId: category,
      name: 'Tee',
      images: ['http://localhost/media/tee.jpg'],
      specs: COLOUR_SIZE,
      skus: [
        { specValues: { 颜色: '红', 尺码: 'S' }, price: 1990, stock: 20 },
        { specValues: { 颜色: '蓝', 尺码: 'M' }, price: 2990, stock: 20 },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('adds a SKU, merges a second add into the same line and shows current prices', async () => {
    const shopper = await asShopper(t);
    const first = await shopper.post('/api/v1/app/cart/items', { skuId: tee.skus[0].id, quantity: 2 }).expect(201);
    expect(first.body).toEqual({
      id: expect.any(Number),
      skuId: tee.skus[0].id,
      productId: tee.id,
      name: 'Tee',
      specValues: { 颜色: '红', 尺码: 'S' },
      specText: '红 / S',
      image: 'http://localhost/media/tee.jpg',
      price: 1990,
      quantity: 2,
      selected: true,
      stock: 20,
      available: true,
      unavailableReason: null,
    });
    const merged = await shopper.post('/api/v1/app/cart/items', { skuId: tee.skus[0].id, quantity: 3 }).expect(201);
    expect(merged.body).toMatchObject({ id: first.body.id, quantity: 5 });
    await shopper.post('/api/v1/app/cart/items', { skuId: tee.skus[1].id, quantity: 1 }).expect(201);

    const cart = await shopper.get('/api/v1/app/cart').expect(200);
    expect(cart.body.items.map((i: { skuId: number; quantity: number }) => [i.skuId, i.quantity])).toEqual([
      [tee.skus[1].id, 1],
      [tee.skus[0].id, 5],
    ]);
    expect(cart.body).toMatchObject({ selectedQuantity: 6, selectedAmount: 5 * 1990 + 2990 });
  });

  it('keeps each shopper’s cart to themselves', async () => {
    const a = await asShopper(t);
    const b = await asShopper(t);
    const line = await a.post('/api/v1/app/cart/items', { skuId: tee.skus[0].id, quantity: 1 }).expect(201);
    expect((await b.get('/api/v1/app/cart').expect(200)).body.items).toEqual([]);
    await b.patch(`/api/v1/app/cart/items/${line.body.id}`, { quantity: 3 }).expect(404);
    await b.delete(`/api/v1/app/cart/items/${line.body.id}`).expect(404);
    expect((await a.get('/api/v1/app/cart').expect(200)).body.items[0].quantity).toBe(1);
  });

  it('changes quantity and selection, and leaves unselected lines out of the totals', async () => {
    const shopper = await asShopper(t);
    const line = await shopper.post('/api/v1/app/cart/items', { skuId: tee.skus[0].id, quantity: 1 }).expect(201);
    const changed = await shopper.patch(`/api/v1/app/cart/items/${line.body.id}`, { quantity: 4, selected: false }).expect(200);
    expect(changed.body).toMatchObject({ quantity: 4, selected: false });
    const cart = await shopper.get('/api/v1/app/cart').expect(200);
    expect(cart.body).toMatchObject({ selectedQuantity: 0, selectedAmount: 0 });
    await shopper.patch(`/api/v1/app/cart/items/${line.body.id}`, { selected: true }).expect(200);
    expect((await shopper.get('/api/v1/app/cart').expect(200)).body).toMatchObject({ selectedQuantity: 4, selectedAmount: 4 * 1990 });
  });

  it('caps the quantity of a line: 400 VALIDATION_FAILED past 99 at once, 400 CART_QUANTITY_EXCEEDED when merging, nothing changed', async () => {
    const shopper = await asShopper(t);
    const big = await seedProduct(staff, { categoryId: category, skus: [{ stock: 500 }] });
    const tooMany = await shopper.post('/api/v1/app/cart/items', { skuId: big.skus[0].id, quantity: 100 }).expect(400);
    expect(tooMany.body.code).toBe('VALIDATION_FAILED');
    const line = await shopper.post('/api/v1/app/cart/items', { skuId: big.skus[0].id, quantity: 60 }).expect(201);
    const merged = await shopper.post('/api/v1/app/cart/items', { skuId: big.skus[0].id, quantity: 40 }).expect(400);
    expect(merged.body).toMatchObject({ code: 'CART_QUANTITY_EXCEEDED', details: { max: 99, quantity: 100 } });
    await shopper.patch(`/api/v1/app/cart/items/${line.body.id}`, { quantity: 100 }).expect(400);
    expect((await shopper.get('/api/v1/app/cart').expect(200)).body.items[0].quantity).toBe(60);
  });

  it('caps the number of lines: the 51st SKU is 409 CART_FULL, while adding to an existing line still works', async () => {
    const sizes = Array.from({ length: 8 }, (_, i) => `S${i}`);
    const colours = Array.from({ length: 7 }, (_, i) => `C${i}`);
    const many = await seedProduct(staff, {
      categoryId: category,
      name: 'Many',
      specs: [
        { name: '尺码', values: sizes },
        { name: '颜色', values: colours },
      ],
      skus: sizes.flatMap((s) => colours.map((c) => ({ specValues: { 尺码: s, 颜色: c }, price: 100, stock: 5 }))),
    });
    const shopper = await asShopper(t);
    for (const sku of many.skus.slice(0, 50)) await shopper.post('/api/v1/app/cart/items', { skuId: sku.id, quantity: 1 }).expect(201);
    const before = await cartLines();
    const full = await shopper.post('/api/v1/app/cart/items', { skuId: many.skus[50].id, quantity: 1 }).expect(409);
    expect(full.body).toMatchObject({ code: 'CART_FULL', details: { max: 50 } });
    expect(await cartLines()).toBe(before);
    await shopper.post('/api/v1/app/cart/items', { skuId: many.skus[0].id, quantity: 1 }).expect(201);
  });

  describe('parallel adds (atomic upsert)', () => {
    const add = (shopper: ApiClient, skuId: number, quantity: number) => shopper.post('/api/v1/app/cart/items', { skuId, quantity });

    it('makes one line of 20 from 20 parallel adds of one unit of a SKU not yet in the cart, all 201', async () => {
      const shopper = await asShopper(t);
      const p = await seedProduct(staff, { categoryId: category, skus: [{ stock: 200 }] });
      const answers = await Promise.all(Array.from({ length: 20 }, () => add(shopper, p.skus[0].id, 1)));
      expect(answers.map((r) => r.status)).toEqual(Array(20).fill(201));
      const cart = await shopper.get('/api/v1/app/cart').expect(200);
      expect(cart.body.items.map((i: { skuId: number; quantity: number }) => [i.skuId, i.quantity])).toEqual([[p.skus[0].id, 20]]);
    });

    it('adds up 20 parallel adds of one unit to an existing line', async () => {
      const shopper = await asShopper(t);
      const p = await seedProduct(staff, { categoryId: category, skus: [{ stock: 200 }] });
      const first = await add(shopper, p.skus[0].id, 3).expect(201);
      const answers = await Promise.all(Array.from({ length: 20 }, () => add(shopper, p.skus[0].id, 1)));
      expect(answers.map((r) => r.status)).toEqual(Array(20).fill(201));
      expect(answers.every((r) => r.body.id === first.body.id)).toBe(true);
      expect((await shopper.get('/api/v1/app/cart').expect(200)).body.items).toEqual([expect.objectContaining({ id: first.body.id, quantity: 23 })]);
    });

    it('never passes the per-line cap: of 20 parallel adds of 10 units, 9 succeed and the line holds 90', async () => {
      const shopper = await asShopper(t);
      const p = await seedProduct(staff, { categoryId: category, skus: [{ stock: 500 }] });
      const answers = await Promise.all(Array.from({ length: 20 }, () => add(shopper, p.skus[0].id, 10)));
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([...Array(9).fill(201), ...Array(11).fill(400)]);
      expect(answers.filter((r) => r.status === 400).every((r) => r.body.code === 'CART_QUANTITY_EXCEEDED')).toBe(true);
      expect((await shopper.get('/api/v1/app/cart').expect(200)).body.items[0].quantity).toBe(90);
    });

    it('never passes the line cap: with 47 lines, 6 parallel adds of new SKUs give 3 lines and 3 CART_FULL', async () => {
      const sizes = Array.from({ length: 9 }, (_, i) => `S${i}`);
      const colours = Array.from({ length: 6 }, (_, i) => `C${i}`);
      const many = await seedProduct(staff, {
        categoryId: category,
        name: 'Many parallel',
        specs: [
          { name: '尺码', values: sizes },
          { name: '颜色', values: colours },
        ],
        skus: sizes.flatMap((s) => colours.map((c) => ({ specValues: { 尺码: s, 颜色: c }, price: 100, stock: 5 }))),
      });
      const shopper = await asShopper(t);
      for (const sku of many.skus.slice(0, 47)) await add(shopper, sku.id, 1).expect(201);
      const answers = await Promise.all(many.skus.slice(47, 53).map((sku) => add(shopper, sku.id, 1)));
      expect(answers.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409, 409]);
      expect(answers.filter((r) => r.status === 409).every((r) => r.body.code === 'CART_FULL')).toBe(true);
      expect((await shopper.get('/api/v1/app/cart').expect(200)).body.items).toHaveLength(50);
    });
  });

  it('refuses unknown, off-sale and out-of-stock SKUs, writing nothing', async () => {
    const shopper = await asShopper(t);
    const off = await seedProduct(staff, { categoryId: category, status: 'OFF_SALE' });
    const empty = await seedProduct(staff, { categoryId: category, skus: [{ stock: 2 }] });
    const before = await cartLines();
    await shopper.post('/api/v1/app/cart/items', { skuId: 999999, quantity: 1 }).expect(404);
    const offSale = await shopper.post('/api/v1/app/cart/items', { skuId: off.skus[0].id, quantity: 1 }).expect(409);
    expect(offSale.body).toMatchObject({ code: 'PRODUCT_UNAVAILABLE', details: { reason: 'OFF_SALE' } });
    const tooMany = await shopper.post('/api/v1/app/cart/items', { skuId: empty.skus[0].id, quantity: 3 }).expect(409);
    expect(tooMany.body).toMatchObject({ code: 'OUT_OF_STOCK', details: { available: 2 } });
    await shopper.post('/api/v1/app/cart/items', { skuId: empty.skus[0].id, quantity: 0 }).expect(400);
    await shopper.post('/api/v1/app/cart/items', { skuId: 'x', quantity: 1 }).expect(400);
    expect(await cartLines()).toBe(before);
  });

  it('shows each line’s availability without failing the cart: off sale, deleted, out of stock, not enough stock', async () => {
    const shopper = await asShopper(t);
    const make = async (name: string) => seedProduct(staff, { categoryId: category, name, skus: [{ stock: 5, price: 500 }] });
    const [offSale, deleted, soldOut, short, fine] = await Promise.all(['off', 'deleted', 'soldout', 'short', 'fine'].map(make));
    const combo = await seedProduct(staff, { categoryId: category, name: 'combo', specs: COLOUR_SIZE, skus: [{ specValues: { 颜色: '红', 尺码: 'S' } }, { specValues: { 颜色: '蓝', 尺码: 'S' } }] });
    for (const p of [offSale, deleted, soldOut, fine]) await shopper.post('/api/v1/app/cart/items', { skuId: p.skus[0].id, quantity: 1 }).expect(201);
    await shopper.post('/api/v1/app/cart/items', { skuId: short.skus[0].id, quantity: 4 }).expect(201);
    await shopper.post('/api/v1/app/cart/items', { skuId: combo.skus[1].id, quantity: 1 }).expect(201);

    await staff.patch(`/api/v1/admin/products/${offSale.id}`, { status: 'OFF_SALE' }).expect(200);
    await staff.delete(`/api/v1/admin/products/${deleted.id}`).expect(204);
    await staff.post(`/api/v1/admin/skus/${soldOut.skus[0].id}/stock`, { delta: -5, reason: 'sold elsewhere' }).expect(200);
    await staff.post(`/api/v1/admin/skus/${short.skus[0].id}/stock`, { delta: -3, reason: 'sold elsewhere' }).expect(200);
    await staff.patch(`/api/v1/admin/products/${combo.id}`, { specs: COLOUR_SIZE, skus: [{ specValues: { 颜色: '红', 尺码: 'S' }, price: 1000 }] }).expect(200);
    await staff.patch(`/api/v1/admin/products/${fine.id}`, { specs: [], skus: [{ specValues: {}, price: 450 }] }).expect(200);

    const cart = await shopper.get('/api/v1/app/cart').expect(200);
    const byName = Object.fromEntries(cart.body.items.map((i: { name: string; available: boolean; unavailableReason: string | null; price: number }) => [i.name, [i.available, i.unavailableReason, i.price]]));
    expect(byName).toEqual({
      off: [false, 'OFF_SALE', 500],
      deleted: [false, 'DELETED', 500],
      soldout: [false, 'OUT_OF_STOCK', 500],
      short: [false, 'INSUFFICIENT_STOCK', 500],
      combo: [false, 'DELETED', 1000],
      fine: [true, null, 450],
    });
    expect(cart.body).toMatchObject({ selectedQuantity: 1, selectedAmount: 450 });
  });

  it('refuses raising a quantity beyond the stock, but allows lowering it', async () => {
    const shopper = await asShopper(t);
    const p = await seedProduct(staff, { categoryId: category, skus: [{ stock: 3 }] });
    const line = await shopper.post('/api/v1/app/cart/items', { skuId: p.skus[0].id, quantity: 3 }).expect(201);
    const res = await shopper.patch(`/api/v1/app/cart/items/${line.body.id}`, { quantity: 4 }).expect(409);
    expect(res.body.code).toBe('OUT_OF_STOCK');
    await shopper.patch(`/api/v1/app/cart/items/${line.body.id}`, { quantity: 1 }).expect(200);
    await shopper.patch(`/api/v1/app/cart/items/${line.body.id}`, { quantity: 0 }).expect(400);
    await shopper.patch(`/api/v1/app/cart/items/${line.body.id}`, { selected: 'yes' }).expect(400);
  });

  it('removes a line, the selected lines, or all lines', async () => {
    const shopper = await asShopper(t);
    const products = await Promise.all([1, 2, 3, 4].map((i) => seedProduct(staff, { categoryId: category, name: `rm${i}` })));
    const lines = [];
    for (const p of products) lines.push((await shopper.post('/api/v1/app/cart/items', { skuId: p.skus[0].id, quantity: 1 }).expect(201)).body);
    await shopper.delete(`/api/v1/app/cart/items/${lines[0].id}`).expect(204);
    await shopper.delete(`/api/v1/app/cart/items/${lines[0].id}`).expect(404);
    await shopper.patch(`/api/v1/app/cart/items/${lines[1].id}`, { selected: false }).expect(200);

    await shopper.delete('/api/v1/app/cart/items?selected=true').expect(204);
    const left = await shopper.get('/api/v1/app/cart').expect(200);
    expect(left.body.items.map((i: { id: number }) => i.id)).toEqual([lines[1].id]);

    await shopper.delete('/api/v1/app/cart/items?selected=false').expect(400);
    await shopper.delete('/api/v1/app/cart/items').expect(204);
    expect((await shopper.get('/api/v1/app/cart').expect(200)).body.items).toEqual([]);
  });

  it('is for shoppers only', async () => {
    await anonymous(t).get('/api/v1/app/cart').expect(401);
    await staff.get('/api/v1/app/cart').expect(401);
    await anonymous(t).post('/api/v1/app/cart/items', { skuId: tee.skus[0].id, quantity: 1 }).expect(401);
  });

  it('hands ordering the selected lines and removes the ordered ones inside its transaction', async () => {
    const shopper = await asShopper(t);
    const a = await shopper.post('/api/v1/app/cart/items', { skuId: tee.skus[0].id, quantity: 2 }).expect(201);
    const b = await shopper.post('/api/v1/app/cart/items', { skuId: tee.skus[1].id, quantity: 1 }).expect(201);
    await shopper.patch(`/api/v1/app/cart/items/${b.body.id}`, { selected: false }).expect(200);
    const cart = t.app.get(CartService);
    expect(await cart.selectedLines(shopper.id)).toEqual([{ itemId: a.body.id, skuId: tee.skus[0].id, quantity: 2 }]);

    await expect(
      t.app.get(TransactionRunner).run(async (em) => {
        await cart.removeLines(em, shopper.id, [tee.skus[0].id]);
        throw new Error('order failed');
      }),
    ).rejects.toThrow('order failed');
    expect((await shopper.get('/api/v1/app/cart').expect(200)).body.items).toHaveLength(2);

    const removed = await t.app.get(TransactionRunner).run((em) => cart.removeLines(em, shopper.id, [tee.skus[0].id, tee.skus[0].id]));
    expect(removed).toBe(1);
    const left = await shopper.get('/api/v1/app/cart').expect(200);
    expect(left.body.items.map((i: { id: number }) => i.id)).toEqual([b.body.id]);
  });
});

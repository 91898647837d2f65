import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { CatalogService } from '../../src/modules/catalog';
import { InventoryService } from '../../src/modules/inventory';
import { createTestApp, TestApp } from '../support/app-factory';
import { COLOUR_SIZE, seedCategory, seedProduct } from '../support/shop-builders';
import { anonymous, ApiClient, asAdmin } from '../support/clients';

describe('catalog', () => {
  let t: TestApp;
  let staff: ApiClient;
  let db: DataSource;

  const count = async (table: string) => Number((await db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const counts = async () => ({ product: await count('product'), sku: await count('sku'), stock: await count('sku_stock'), ledger: await count('stock_ledger') });

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    staff = await asAdmin(t, ['category:read', 'category:write', 'product:read', 'product:write', 'stock:write']);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('categories', () => {
    it('builds a tree of up to three levels, sorted, and shows shoppers only enabled categories', async () => {
      const drinks = await seedCategory(staff, 'Drinks', undefined, { sort: 2 });
      const snacks = await seedCategory(staff, 'Snacks', undefined, { sort: 1 });
      const tea = await seedCategory(staff, 'Tea', drinks, { sort: 1 });
      const coffee = await seedCategory(staff, 'Coffee', drinks, { sort: 0 });
      const green = await seedCategory(staff, 'Green tea', tea);
      await staff.patch(`/api/v1/admin/categories/${coffee}`, { enabled: false }).expect(200);

      const admin = await staff.get('/api/v1/admin/categories').expect(200);
      const adminDrinks = admin.body.find((c: { id: number }) => c.id === drinks);
      expect(adminDrinks.children.map((c: { name: string; enabled: boolean }) => [c.name, c.enabled])).toEqual([
        ['Coffee', false],
        ['Tea', true],
      ]);

      const app = await anonymous(t).get('/api/v1/app/categories').expect(200);
      const ids = app.body.map((c: { id: number }) => c.id);
      expect(ids.indexOf(snacks)).toBeLessThan(ids.indexOf(drinks));
      const appDrinks = app.body.find((c: { id: number }) => c.id === drinks);
      expect(appDrinks).toEqual({
        id: drinks,
        name: 'Drinks',
        image: null,
        children: [{ id: tea, name: 'Tea', image: null, children: [{ id: green, name: 'Green tea', image: null, children: [] }] }],
      });
    });

    it('hides the children of a disabled category from shoppers', async () => {
      const parent = await seedCategory(staff, 'Seasonal');
      await seedCategory(staff, 'Mooncakes', parent);
      await staff.patch(`/api/v1/admin/categories/${parent}`, { enabled: false }).expect(200);
      const app = await anonymous(t).get('/api/v1/app/categories').expect(200);
      expect(JSON.stringify(app.body)).not.toContain('Mooncakes');
    });

    it('refuses an unknown parent, a fourth level and a move under its own sub-category', async () => {
      const before = await count('category');
      const unknown = await staff.post('/api/v1/admin/categories', { name: 'Orphan', parentId: 999999 }).expect(400);
      expect(unknown.body.code).toBe('CATEGORY_NOT_FOUND');
      const a = await seedCategory(staff, 'A');
      const b = await seedCategory(staff, 'B', a);
      const c = await seedCategory(staff, 'C', b);
      const deep = await staff.post('/api/v1/admin/categories', { name: 'D', parentId: c }).expect(400);
      expect(deep.body.code).toBe('CATEGORY_TOO_DEEP');
      const cycle = await staff.patch(`/api/v1/admin/categories/${a}`, { parentId: c }).expect(400);
      expect(cycle.body.code).toBe('CATEGORY_CYCLE');
      const self = await staff.patch(`/api/v1/admin/categories/${a}`, { parentId: a }).expect(400);
      expect(self.body.code).toBe('CATEGORY_CYCLE');
      expect(await count('category')).toBe(before + 3);
    });

    it('moves a category to the top level with parentId null', async () => {
      const a = await seedCategory(staff, 'Outer');
      const b = await seedCategory(staff, 'Inner', a);
      const moved = await staff.patch(`/api/v1/admin/categories/${b}`, { parentId: null, name: 'Now top' }).expect(200);
      expect(moved.body).toMatchObject({ id: b, parentId: null, name: 'Now top' });
    });

    it('refuses to delete a category holding products or sub-categories, and deletes it once empty', async () => {
      const parent = await seedCategory(staff, 'Parent');
      const child = await seedCategory(staff, 'Child', parent);
      const product = await seedProduct(staff, { categoryId: child });

      const withChildren = await staff.delete(`/api/v1/admin/categories/${parent}`).expect(409);
      expect(withChildren.body.code).toBe('CATEGORY_HAS_CHILDREN');
      const withProducts = await staff.delete(`/api/v1/admin/categories/${child}`).expect(409);
      expect(withProducts.body).toMatchObject({ code: 'CATEGORY_HAS_PRODUCTS', details: { products: 1 } });

      await staff.delete(`/api/v1/admin/products/${product.id}`).expect(204);
      await staff.delete(`/api/v1/admin/categories/${child}`).expect(204);
      await staff.delete(`/api/v1/admin/categories/${parent}`).expect(204);
      await staff.delete(`/api/v1/admin/categories/${parent}`).expect(404);
    });

    it('validates names and needs the category permissions', async () => {
      await staff.post('/api/v1/admin/categories', { name: '' }).expect(400);
      await staff.post('/api/v1/admin/categories', { name: 'x'.repeat(33) }).expect(400);
      await staff.patch('/api/v1/admin/categories/999999', { name: 'y' }).expect(404);
      const readOnly = await asAdmin(t, ['category:read']);
      await readOnly.post('/api/v1/admin/categories', { name: 'nope' }).expect(403);
      await readOnly.get('/api/v1/admin/categories').expect(200);
      await anonymous(t).post('/api/v1/admin/categories', { name: 'nope' }).expect(401);
    });
  });

  describe('products', () => {
    let category: number;

    beforeAll(async () => {
      category = await seedCategory(staff, 'Clothes');
    });

    const threeSkus = () => [
      { specValues: { 颜色: '红', 尺码: 'S' }, price: 1990, marketPrice: 2990, stock: 5, lowStockThreshold: 2, skuCode: 'TS-R-S', weight: 200 },
      { specValues: { 颜色: '红', 尺码: 'M' }, price: 2190, stock: 7 },
      { specValues: { 尺码: 'S', 颜色: '蓝' }, price: 1890, stock: 0 },
    ];

    it('creates a product with spec groups and one SKU per combination sold, in one request', async () => {
      const res = await staff
        .post('/api/v1/admin/products', {
          name: 'T-shirt',
          categoryId: category,
          description: 'Cotton',
          images: ['http://localhost/media/a.jpg', 'http://localhost/media/b.jpg'],
          videos: ['http://localhost/media/v.mp4'],
          status: 'ON_SALE',
          specs: COLOUR_SIZE,
          skus: threeSkus(),
        })
        .expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(Number),
        name: 'T-shirt',
        categoryId: category,
        mainImage: 'http://localhost/media/a.jpg',
        status: 'ON_SALE',
        specs: COLOUR_SIZE,
        minPrice: 1890,
        maxPrice: 2190,
        sales: 0,
      });
      expect(res.body.skus).toEqual([
        { id: expect.any(Number), specValues: { 颜色: '红', 尺码: 'S' }, price: 1990, marketPrice: 2990, skuCode: 'TS-R-S', image: null, weight: 200, stock: 5, lowStockThreshold: 2 },
        { id: expect.any(Number), specValues: { 颜色: '红', 尺码: 'M' }, price: 2190, marketPrice: null, skuCode: null, image: null, weight: 0, stock: 7, lowStockThreshold: 0 },
        { id: expect.any(Number), specValues: { 尺码: 'S', 颜色: '蓝' }, price: 1890, marketPrice: null, skuCode: null, image: null, weight: 0, stock: 0, lowStockThreshold: 0 },
      ]);
      const fetched = await staff.get(`/api/v1/admin/products/${res.body.id}`).expect(200);
      expect(fetched.body).toEqual(res.body);
    });

    it.each([
      ['a negative price', (b: any) => (b.skus[0].price = -1), 400, 'VALIDATION_FAILED'],
      ['a zero price', (b: any) => (b.skus[0].price = 0), 400, 'VALIDATION_FAILED'],
      ['a fractional price', (b: any) => (b.skus[0].price = 19.9), 400, 'VALIDATION_FAILED'],
      ['a negative stock', (b: any) => (b.skus[0].stock = -5), 400, 'VALIDATION_FAILED'],
      ['an unknown category', (b: any) => (b.categoryId = 999999), 400, 'CATEGORY_NOT_FOUND'],
      ['a value outside its spec group', (b: any) => (b.skus[0].specValues = { 颜色: '绿', 尺码: 'S' }), 400, 'SPEC_SKU_MISMATCH'],
      ['a SKU missing a spec group', (b: any) => (b.skus[0].specValues = { 颜色: '红' }), 400, 'SPEC_SKU_MISMATCH'],
      ['the same combination twice', (b: any) => (b.skus[1].specValues = { 尺码: 'S', 颜色: '红' }), 400, 'SPEC_SKU_MISMATCH'],
      ['no SKUs', (b: any) => (b.skus = []), 400, 'VALIDATION_FAILED'],
      ['an unknown status', (b: any) => (b.status = 'SOLD_OUT'), 400, 'VALIDATION_FAILED'],
      ['an image that is not a URL', (b: any) => (b.images = ['not a url']), 400, 'VALIDATION_FAILED'],
      ['an unknown field', (b: any) => (b.price = 100), 400, 'VALIDATION_FAILED'],
    ])('refuses %s with a clear 4xx and writes nothing', async (_name, mutate, status, code) => {
      const body = { name: 'Bad', categoryId: category, status: 'ON_SALE', specs: COLOUR_SIZE, skus: threeSkus() };
      mutate(body);
      const before = await counts();
      const res = await staff.post('/api/v1/admin/products', body).expect(status);
      expect(res.body.code).toBe(code);
      expect(await counts()).toEqual(before);
    });

    it('refuses a SKU code used by another live product (409 SKU_CODE_TAKEN), writing nothing', async () => {
      await seedProduct(staff, { categoryId: category, skus: [{ skuCode: 'UNIQUE-1' }] });
      const before = await counts();
      const res = await staff
        .post('/api/v1/admin/products', { name: 'Copy', categoryId: category, status: 'ON_SALE', specs: [], skus: [{ specValues: {}, price: 100, skuCode: 'UNIQUE-1' }] })
        .expect(409);
      expect(res.body).toMatchObject({ code: 'SKU_CODE_TAKEN', details: { skuCode: 'UNIQUE-1' } });
      expect(await counts()).toEqual(before);
    });

    it('keeps SKU ids of unchanged combinations across edits, drops and revives combinations', async () => {
      const created = await seedProduct(staff, { categoryId: category, specs: COLOUR_SIZE, skus: threeSkus().map((s) => ({ ...s, skuCode: undefined })) });
      const [redS, redM, blueS] = created.skus;

      // Drop 红/M, reprice 红/S, add 蓝/M; stock given for an existing SKU is not applied.
      const edited = await staff
        .patch(`/api/v1/admin/products/${created.id}`, {
          specs: COLOUR_SIZE,
          skus: [
            { specValues: { 颜色: '蓝', 尺码: 'M' }, price: 2500, stock: 3 },
            { specValues: { 颜色: '红', 尺码: 'S' }, price: 1500, stock: 999, lowStockThreshold: 4 },
            { specValues: { 颜色: '蓝', 尺码: 'S' }, price: 1890 },
          ],
        })
        .expect(200);
      const ids = edited.body.skus.map((s: { id: number }) => s.id);
      expect(ids[1]).toBe(redS.id);
      expect(ids[2]).toBe(blueS.id);
      expect(ids).not.toContain(redM.id);
      expect(edited.body.skus[0]).toMatchObject({ specValues: { 颜色: '蓝', 尺码: 'M' }, price: 2500, stock: 3 });
      expect(edited.body.skus[1]).toMatchObject({ price: 1500, stock: 5, lowStockThreshold: 4 });
      expect(edited.body).toMatchObject({ minPrice: 1500, maxPrice: 2500 });

      // 红/M comes back with its old id and the stock it had.
      const revived = await staff
        .patch(`/api/v1/admin/products/${created.id}`, {
          specs: COLOUR_SIZE,
          skus: [...edited.body.skus.map((s: { specValues: object; price: number }) => ({ specValues: s.specValues, price: s.price })), { specValues: { 颜色: '红', 尺码: 'M' }, price: 2190 }],
        })
        .expect(200);
      expect(revived.body.skus.map((s: { id: number }) => s.id)).toEqual([...ids, redM.id]);
      expect(revived.body.skus[3]).toMatchObject({ id: redM.id, stock: 7 });
    });

    it('changes plain fields without touching SKUs, and refuses specs without skus', async () => {
      const created = await seedProduct(staff, { categoryId: category, name: 'Plain' });
      const res = await staff.patch(`/api/v1/admin/products/${created.id}`, { name: 'Renamed', description: 'New', images: ['http://cdn.example.com/x.png'] }).expect(200);
      expect(res.body).toMatchObject({ name: 'Renamed', description: 'New', mainImage: 'http://cdn.example.com/x.png' });
      expect(res.body.skus.map((s: { id: number }) => s.id)).toEqual(created.skus.map((s) => s.id));
      const half = await staff.patch(`/api/v1/admin/products/${created.id}`, { specs: [] }).expect(400);
      expect(half.body.details).toEqual([{ field: 'skus', message: 'specs and skus are changed together' }]);
      await staff.patch(`/api/v1/admin/products/${created.id}`, { categoryId: 999999 }).expect(400);
      await staff.patch(`/api/v1/admin/products/${created.id}`, { name: null }).expect(400);
      const after = await staff.get(`/api/v1/admin/products/${created.id}`).expect(200);
      expect(after.body).toMatchObject({ name: 'Renamed', categoryId: category });
    });

    it('puts a product off and on sale: shoppers see it only on sale', async () => {
      const p = await seedProduct(staff, { categoryId: category, name: 'Toggle' });
      await anonymous(t).get(`/api/v1/app/products/${p.id}`).expect(200);
      await staff.patch(`/api/v1/admin/products/${p.id}`, { status: 'OFF_SALE' }).expect(200);
      await anonymous(t).get(`/api/v1/app/products/${p.id}`).expect(404);
      const list = await anonymous(t).get(`/api/v1/app/products?categoryId=${category}&pageSize=100`).expect(200);
      expect(list.body.items.map((i: { id: number }) => i.id)).not.toContain(p.id);
      await staff.patch(`/api/v1/admin/products/${p.id}`, { status: 'ON_SALE' }).expect(200);
      await anonymous(t).get(`/api/v1/app/products/${p.id}`).expect(200);
    });

    it('deletes softly: gone for staff and shoppers, still known to checkout with its flags', async () => {
      const p = await seedProduct(staff, { categoryId: category, name: 'Doomed' });
      await anonymous(t).get(`/api/v1/app/products/${p.id}`).expect(200);
      await staff.delete(`/api/v1/admin/products/${p.id}`).expect(204);
      await staff.get(`/api/v1/admin/products/${p.id}`).expect(404);
      await staff.patch(`/api/v1/admin/products/${p.id}`, { name: 'x' }).expect(404);
      await staff.delete(`/api/v1/admin/products/${p.id}`).expect(404);
      await anonymous(t).get(`/api/v1/app/products/${p.id}`).expect(404);
      const [sku] = await t.app.get(CatalogService).getSkusForCheckout([p.skus[0].id]);
      expect(sku).toMatchObject({ productId: p.id, productName: 'Doomed', productDeleted: true, productStatus: 'OFF_SALE', purchasable: false });
    });

    it('needs product permissions', async () => {
      const reader = await asAdmin(t, ['product:read']);
      await reader.post('/api/v1/admin/products', { name: 'x', categoryId: category, status: 'ON_SALE', specs: [], skus: [{ specValues: {}, price: 1 }] }).expect(403);
      await reader.get('/api/v1/admin/products').expect(200);
      await anonymous(t).get('/api/v1/admin/products').expect(401);
    });

    it('lists products for staff with filters and total stock', async () => {
      const cat = await seedCategory(staff, 'Staff list');
      const on = await seedProduct(staff, { categoryId: cat, name: 'Listed on', skus: [{ stock: 4 }] });
      const off = await seedProduct(staff, { categoryId: cat, name: 'Listed off', status: 'OFF_SALE' });
      const res = await staff.get(`/api/v1/admin/products?categoryId=${cat}`).expect(200);
      expect(res.body.total).toBe(2);
      expect(res.body.items.map((i: { id: number }) => i.id)).toEqual([off.id, on.id]);
      expect(res.body.items[1]).toMatchObject({ name: 'Listed on', status: 'ON_SALE', totalStock: 4, minPrice: 1000 });
      const onlyOff = await staff.get(`/api/v1/admin/products?categoryId=${cat}&status=OFF_SALE`).expect(200);
      expect(onlyOff.body.items.map((i: { id: number }) => i.id)).toEqual([off.id]);
    });
  });

  describe('shopper listing', () => {
    let root: number;
    let sub: number;
    let other: number;
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      root = await seedCategory(staff, 'Listing root');
      sub = await seedCategory(staff, 'Listing sub', root);
      other = await seedCategory(staff, 'Listing other');
      const make = async (key: string, categoryId: number, price: number, status: 'ON_SALE' | 'OFF_SALE' = 'ON_SALE') => {
        ids[key] = (await seedProduct(staff, { categoryId, name: key, status, skus: [{ price, stock: 50 }] })).id;
      };
      await make('Green tea 100% pure', root, 3000);
      await make('Tea_bag', sub, 1000);
      await make("O'Brien's tea", sub, 2000);
      await make('Teabag deluxe', root, 5000);
      await make('Hidden tea', root, 100, 'OFF_SALE');
      await make('Coffee', other, 1500);
      // Sales come from stock taken for orders.
      const inventory = t.app.get(InventoryService);
      const skuOf = async (id: number) => (await staff.get(`/api/v1/admin/products/${id}`)).body.skus[0].id as number;
      const sell = async (key: string, quantity: number) => {
        const skuId = await skuOf(ids[key]);
        await t.app.get(TransactionRunner).run((em) => inventory.takeStock(em, [{ skuId, quantity }], { type: 'ORDER', id: `sell-${key}` }));
      };
      await sell('Tea_bag', 7);
      await sell('Teabag deluxe', 3);
      await sell("O'Brien's tea", 12);
    });

    const list = async (query: string) => (await anonymous(t).get(`/api/v1/app/products?${query}`).expect(200)).body;
    const names = async (query: string) => (await list(query)).items.map((i: { name: string }) => i.name);

    it('filters by a category including its sub-categories, only on sale, newest first', async () => {
      const body = await list(`categoryId=${root}`);
      expect(body.items.map((i: { name: string }) => i.name)).toEqual(['Teabag deluxe', "O'Brien's tea", 'Tea_bag', 'Green tea 100% pure']);
      expect(body.total).toBe(4);
      expect(body.items[0]).toEqual({ id: ids['Teabag deluxe'], name: 'Teabag deluxe', mainImage: null, minPrice: 5000, sales: 3 });
      expect(await names(`categoryId=${sub}`)).toEqual(["O'Brien's tea", 'Tea_bag']);
    });

    it('answers an empty page for an unknown category', async () => {
      expect(await list('categoryId=999999')).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    });

    it('matches %, _ and quotes in a keyword literally', async () => {
      expect(await names(`categoryId=${root}&keyword=${encodeURIComponent('%')}`)).toEqual(['Green tea 100% pure']);
      expect(await names(`categoryId=${root}&keyword=${encodeURIComponent('_')}`)).toEqual(['Tea_bag']);
      expect(await names(`categoryId=${root}&keyword=${encodeURIComponent('a_b')}`)).toEqual(['Tea_bag']);
      expect(await names(`categoryId=${root}&keyword=${encodeURIComponent("O'Brien")}`)).toEqual(["O'Brien's tea"]);
      expect(await names(`categoryId=${root}&keyword=${encodeURIComponent('\\')}`)).toEqual([]);
      expect(await names(`categoryId=${root}&keyword=teabag`)).toEqual(['Teabag deluxe']);
    });

    it('sorts by price both ways and by sales', async () => {
      expect(await names(`categoryId=${root}&sort=price`)).toEqual(['Tea_bag', "O'Brien's tea", 'Green tea 100% pure', 'Teabag deluxe']);
      expect(await names(`categoryId=${root}&sort=price&order=desc`)).toEqual(['Teabag deluxe', 'Green tea 100% pure', "O'Brien's tea", 'Tea_bag']);
      expect(await names(`categoryId=${root}&sort=sales`)).toEqual(["O'Brien's tea", 'Tea_bag', 'Teabag deluxe', 'Green tea 100% pure']);
      expect(await names(`categoryId=${root}&sort=newest&order=asc`)).toEqual(['Green tea 100% pure', 'Tea_bag', "O'Brien's tea", 'Teabag deluxe']);
    });

    it('paginates without overlap', async () => {
      const first = await list(`categoryId=${root}&sort=price&page=1&pageSize=3`);
      const second = await list(`categoryId=${root}&sort=price&page=2&pageSize=3`);
      expect(first).toMatchObject({ total: 4, page: 1, pageSize: 3 });
      expect(first.items).toHaveLength(3);
      expect(second.items.map((i: { name: string }) => i.name)).toEqual(['Teabag deluxe']);
    });

    it.each(['sort=name', 'order=up', 'pageSize=101', 'page=0', 'categoryId=abc', `keyword=${'x'.repeat(65)}`, 'sort=price;DROP TABLE product'])(
      'refuses the query %s with 400',
      async (query) => {
        const res = await anonymous(t).get(`/api/v1/app/products?${query}`).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      },
    );
  });

  describe('shopper detail', () => {
    it('shows specs and SKUs with fresh stock, and follows every staff change', async () => {
      const category = await seedCategory(staff, 'Detail');
      const p = await seedProduct(staff, {
        categoryId: category,
        name: 'Cached',
        specs: COLOUR_SIZE,
        skus: [
          { specValues: { 颜色: '红', 尺码: 'S' }, price: 1990, stock: 5, marketPrice: 2500 },
          { specValues: { 颜色: '蓝', 尺码: 'M' }, price: 2990, stock: 1 },
        ],
      });
      const first = await anonymous(t).get(`/api/v1/app/products/${p.id}`).expect(200);
      expect(first.body).toEqual({
        id: p.id,
        name: 'Cached',
        description: null,
        images: [],
        videos: [],
        mainImage: null,
        categoryId: category,
        specs: COLOUR_SIZE,
        minPrice: 1990,
        maxPrice: 2990,
        sales: 0,
        skus: [
          { id: p.skus[0].id, specValues: { 颜色: '红', 尺码: 'S' }, price: 1990, marketPrice: 2500, stock: 5, image: null },
          { id: p.skus[1].id, specValues: { 颜色: '蓝', 尺码: 'M' }, price: 2990, marketPrice: null, stock: 1, image: null },
        ],
      });

      // A stock change shows at once (stock is not cached).
      await staff.post(`/api/v1/admin/skus/${p.skus[0].id}/stock`, { delta: -2, reason: 'damaged' }).expect(200);
      expect((await anonymous(t).get(`/api/v1/app/products/${p.id}`).expect(200)).body.skus[0].stock).toBe(3);

      // An edit invalidates the cached detail.
      await staff
        .patch(`/api/v1/admin/products/${p.id}`, {
          name: 'Cached, renamed',
          specs: COLOUR_SIZE,
          skus: [{ specValues: { 颜色: '红', 尺码: 'S' }, price: 1790 }],
        })
        .expect(200);
      const after = await anonymous(t).get(`/api/v1/app/products/${p.id}`).expect(200);
      expect(after.body).toMatchObject({ name: 'Cached, renamed', minPrice: 1790, maxPrice: 1790 });
      expect(after.body.skus).toEqual([{ id: p.skus[0].id, specValues: { 颜色: '红', 尺码: 'S' }, price: 1790, marketPrice: null, stock: 3, image: null }]);

      await staff.delete(`/api/v1/admin/products/${p.id}`).expect(204);
      await anonymous(t).get(`/api/v1/app/products/${p.id}`).expect(404);
    });

    it('answers 404 for an unknown product and 400 for a malformed id', async () => {
      await anonymous(t).get('/api/v1/app/products/999999').expect(404);
      await anonymous(t).get('/api/v1/app/products/abc').expect(400);
    });
  });

  describe('checkout view of SKUs', () => {
    it('gives ordering what it needs to price and snapshot, in the order asked, leaving out unknown ids', async () => {
      const category = await seedCategory(staff, 'Checkout');
      const p = await seedProduct(staff, {
        categoryId: category,
        name: 'Snapshot me',
        images: ['http://localhost/media/main.jpg'],
        specs: COLOUR_SIZE,
        skus: [
          { specValues: { 颜色: '红', 尺码: 'S' }, price: 1990, stock: 5, weight: 300, skuCode: 'SNAP-1' },
          { specValues: { 颜色: '蓝', 尺码: 'M' }, price: 2990, stock: 0, image: 'http://localhost/media/blue.jpg' },
        ],
      });
      const skus = await t.app.get(CatalogService).getSkusForCheckout([p.skus[1].id, 999999, p.skus[0].id]);
      expect(skus).toEqual([
        {
          skuId: p.skus[1].id,
          productId: p.id,
          productName: 'Snapshot me',
          specValues: { 颜色: '蓝', 尺码: 'M' },
          specText: '蓝 / M',
          price: 2990,
          marketPrice: null,
          image: 'http://localhost/media/blue.jpg',
          weight: 0,
          skuCode: null,
          categoryId: category,
          productStatus: 'ON_SALE',
          productDeleted: false,
          skuDeleted: false,
          purchasable: true,
          stock: 0,
        },
        expect.objectContaining({ skuId: p.skus[0].id, image: 'http://localhost/media/main.jpg', weight: 300, skuCode: 'SNAP-1', stock: 5, price: 1990 }),
      ]);
    });
  });
});

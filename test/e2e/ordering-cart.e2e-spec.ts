import { createTestApp, TestApp } from '../support/app-factory';
import { ApiClient, asShopper, asSuperAdmin } from '../support/clients';
import { eventually } from '../support/eventually';
import { seedAddress, seedProduct } from '../support/shop-builders';

describe('ordering from the cart, and cancelling with WeChat Pay', () => {
  let t: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await createTestApp({ wechatPay: true });
    admin = await asSuperAdmin(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('removes the ordered lines from the cart when the order is placed fromCart, and keeps the others', async () => {
    const shopper = await asShopper(t);
    const addressId = await seedAddress(shopper);
    const { skuIds } = await seedProduct(admin, { prices: [1000, 2000, 3000] });
    for (const skuId of skuIds) await shopper.post('/api/v1/app/cart/items', { skuId, quantity: 1 }).expect(201);
    await shopper
      .post('/api/v1/app/orders', { items: [{ skuId: skuIds[0], quantity: 1 }, { skuId: skuIds[1], quantity: 1 }], deliveryType: 'EXPRESS', addressId, fromCart: true })
      .expect(201);
    const cart = await shopper.get('/api/v1/app/cart').expect(200);
    expect(cart.body.items.map((i: { skuId: number }) => i.skuId)).toEqual([skuIds[2]]);
  });

  it('leaves the cart alone without fromCart, and leaves it alone when placing fails', async () => {
    const shopper = await asShopper(t);
    const addressId = await seedAddress(shopper);
    const { skuIds } = await seedProduct(admin, { prices: [1000], stock: 1 });
    await shopper.post('/api/v1/app/cart/items', { skuId: skuIds[0], quantity: 1 }).expect(201);
    await shopper.post('/api/v1/app/orders', { items: [{ skuId: skuIds[0], quantity: 5 }], deliveryType: 'EXPRESS', addressId, fromCart: true }).expect(409);
    expect((await shopper.get('/api/v1/app/cart').expect(200)).body.items).toHaveLength(1);
    await shopper.post('/api/v1/app/orders', { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId }).expect(201);
    expect((await shopper.get('/api/v1/app/cart').expect(200)).body.items).toHaveLength(1);
  });

  it('closes the WeChat Pay order when an unpaid order with a prepay is cancelled', async () => {
    const shopper = await asShopper(t);
    const addressId = await seedAddress(shopper);
    const { skuIds } = await seedProduct(admin);
    const order = (await shopper.post('/api/v1/app/orders', { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId }).expect(201)).body;
    await shopper.post(`/api/v1/app/orders/${order.id}/pay`).expect(200);
    expect(t.wechatPay!.order(order.orderNo)?.tradeState).toBe('NOTPAY');
    await shopper.post(`/api/v1/app/orders/${order.id}/cancel`).expect(200);
    await eventually(() => expect(t.wechatPay!.order(order.orderNo)?.tradeState).toBe('CLOSED'));
    await eventually(async () => {
      const detail = await admin.get(`/api/v1/admin/orders/${order.id}`).expect(200);
      expect(detail.body.payments).toEqual([expect.objectContaining({ status: 'CLOSED', transactionId: null })]);
    });
  });

  it('filters the staff order list by status, order number and date range, refusing bad filters', async () => {
    const shopper = await asShopper(t);
    const addressId = await seedAddress(shopper);
    const { skuIds } = await seedProduct(admin);
    const order = (await shopper.post('/api/v1/app/orders', { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId }).expect(201)).body;
    const byNo = await admin.get(`/api/v1/admin/orders?orderNo=${order.orderNo}`).expect(200);
    expect(byNo.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(byNo.body.items[0].id).toBe(order.id);
    const future = await admin.get(`/api/v1/admin/orders?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`).expect(200);
    expect(future.body.total).toBe(0);
    const pending = await admin.get('/api/v1/admin/orders?status=PENDING_PAYMENT&pageSize=100').expect(200);
    expect(pending.body.items.every((o: { status: string }) => o.status === 'PENDING_PAYMENT')).toBe(true);
    await admin.get('/api/v1/admin/orders?status=LOST').expect(400);
    await admin.get('/api/v1/admin/orders?from=yesterday').expect(400);
    await admin.get('/api/v1/admin/orders?pageSize=101').expect(400);
  });
});

import { JobQueue } from '../../src/shared/jobs/job-queue';
import { InventoryService } from '../../src/modules/inventory';
import { OrderEntity } from '../../src/modules/ordering';
import { OrderTimers } from '../../src/modules/ordering/jobs/order-timers';
import { AfterSaleEntity } from '../../src/modules/ordering/domain/after-sale.entity';
import { newRefundNo } from '../../src/modules/ordering/domain/order-number';
import { PaymentProcessors } from '../../src/modules/payment/jobs/payment.processors';
import { createTestApp, TestApp } from '../support/app-factory';
import { ApiClient, asAdmin, asShopper, asSuperAdmin } from '../support/clients';
import { eventually } from '../support/eventually';
import { seedAddress, seedProduct, seedStore } from '../support/shop-builders';

type Shopper = Awaited<ReturnType<typeof asShopper>>;

describe('order to cash', () => {
  let t: TestApp;
  let admin: ApiClient;
  let storeId: number;

  /** The order settings as the app started; tests that change them get them restored afterwards, pass or fail. */
  let settingsAtStart: Record<string, number>;

  beforeAll(async () => {
    t = await createTestApp({ wechatPay: true });
    admin = await asSuperAdmin(t);
    storeId = await seedStore(admin, { localDeliveryFee: 300 });
    settingsAtStart = (await admin.get('/api/v1/admin/settings/order').expect(200)).body;
  });
  afterEach(async () => {
    const now = (await admin.get('/api/v1/admin/settings/order').expect(200)).body;
    if (JSON.stringify(now) !== JSON.stringify(settingsAtStart)) await admin.put('/api/v1/admin/settings/order', settingsAtStart).expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  const stockOf = async (skuId: number) => (await t.app.get(InventoryService).stockOf([skuId])).get(skuId)!.stock;

  async function newShopperWithAddress(): Promise<{ shopper: Shopper; addressId: number }> {
    const shopper = await asShopper(t);
    return { shopper, addressId: await seedAddress(shopper) };
  }

  async function place(shopper: ApiClient, body: object, status = 201) {
    return shopper.post('/api/v1/app/orders', body).expect(status);
  }

  /** The shopper pays: prepay through our API, then WeChat Pay reports the payment. */
  async function pay(shopper: ApiClient, order: { id: number; orderNo: string }, options: Parameters<NonNullable<TestApp['wechatPay']>['pay']>[1] = {}) {
    const params = await shopper.post(`/api/v1/app/orders/${order.id}/pay`).expect(200);
    expect(t.wechatPay!.verifyRequestPayment(params.body)).toBe(true);
    return t.wechatPay!.pay(order.orderNo, options);
  }

  async function orderStatus(shopper: ApiClient, orderId: number): Promise<string> {
    return (await shopper.get(`/api/v1/app/orders/${orderId}`).expect(200)).body.status;
  }

  describe('checkout', () => {
    it('previews exactly what placing charges, writing nothing', async () => {
      const { shopper, addressId } = await newShopperWithAddress();
      const { skuIds } = await seedProduct(admin, { prices: [1999, 500], stock: 10 });
      await admin.put('/api/v1/admin/settings/order', { expressFee: 800, expressFreeThreshold: 10000 }).expect(200);
      const body = { items: [{ skuId: skuIds[0], quantity: 2 }, { skuId: skuIds[1], quantity: 1 }], deliveryType: 'EXPRESS', addressId };
      const preview = await shopper.post('/api/v1/app/orders/preview', body).expect(200);
      expect(preview.body).toMatchObject({ totalAmount: 4498, discountAmount: 0, couponAmount: 0, pointsAmount: 0, freightAmount: 800, payAmount: 5298 });
      expect(await stockOf(skuIds[0])).toBe(10);
      const placed = await place(shopper, body);
      expect(placed.body).toMatchObject({ status: 'PENDING_PAYMENT', deliveryType: 'EXPRESS', totalAmount: 4498, freightAmount: 800, payAmount: 5298 });
      expect(placed.body.orderNo).toMatch(/^[0-9A-Za-z]{20,32}$/);
      expect(placed.body.items.map((i: { payAmount: number }) => i.payAmount).reduce((a: number, b: number) => a + b, 0)).toBe(4498);
      expect(placed.body.address).toMatchObject({ receiverName: '张三', city: '上海市' });
      expect(new Date(placed.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);
      expect(await stockOf(skuIds[0])).toBe(8);
    });

    it('charges the store’s fee for local delivery and nothing at the counter', async () => {
      const { shopper, addressId } = await newShopperWithAddress();
      const { skuIds } = await seedProduct(admin, { prices: [1200] });
      const local = await shopper.post('/api/v1/app/orders/preview', { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'LOCAL_DELIVERY', addressId, storeId }).expect(200);
      expect(local.body).toMatchObject({ freightAmount: 300, payAmount: 1500 });
      const pickup = await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'PICKUP', storeId });
      expect(pickup.body).toMatchObject({ freightAmount: 0, payAmount: 1200, storeId });
      expect(pickup.body.pickupCode).toMatch(/^\d{6}$/);
    });

    it('refuses bad input with 400 and writes nothing', async () => {
      const { shopper, addressId } = await newShopperWithAddress();
      const { skuIds } = await seedProduct(admin, { stock: 5 });
      const cases: object[] = [
        { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS' },
        { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'PICKUP' },
        { items: [{ skuId: skuIds[0], quantity: 0 }], deliveryType: 'EXPRESS', addressId },
        { items: [{ skuId: skuIds[0], quantity: -1 }], deliveryType: 'EXPRESS', addressId },
        { items: [], deliveryType: 'EXPRESS', addressId },
        { items: [{ skuId: 'x', quantity: 1 }], deliveryType: 'EXPRESS', addressId },
        { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'DRONE', addressId },
        { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId, payAmount: 1 },
      ];
      for (const body of cases) {
        const res = await place(shopper, body, 400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      expect(await stockOf(skuIds[0])).toBe(5);
      expect((await shopper.get('/api/v1/app/orders').expect(200)).body.total).toBe(0);
    });

    it('answers 404 for an unknown SKU or another shopper’s address, and 409 for an unavailable product', async () => {
      const { shopper } = await newShopperWithAddress();
      const other = await newShopperWithAddress();
      const { skuIds, productId } = await seedProduct(admin, { stock: 5 });
      await place(shopper, { items: [{ skuId: 999999, quantity: 1 }], deliveryType: 'EXPRESS', addressId: other.addressId }, 404);
      await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId: other.addressId }, 404);
      await admin.patch(`/api/v1/admin/products/${productId}`, { status: 'OFF_SALE' }).expect(200);
      const res = await place(other.shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId: other.addressId }, 409);
      expect(res.body.code).toBe('PRODUCT_UNAVAILABLE');
      expect(await stockOf(skuIds[0])).toBe(5);
    });

    it('takes the stock of every line or of none (409 OUT_OF_STOCK naming the SKU)', async () => {
      const { shopper, addressId } = await newShopperWithAddress();
      const plenty = await seedProduct(admin, { stock: 10 });
      const scarce = await seedProduct(admin, { stock: 1 });
      const res = await place(
        shopper,
        { items: [{ skuId: plenty.skuIds[0], quantity: 3 }, { skuId: scarce.skuIds[0], quantity: 2 }], deliveryType: 'EXPRESS', addressId },
        409,
      );
      expect(res.body).toMatchObject({ code: 'OUT_OF_STOCK', details: { skuId: scarce.skuIds[0] } });
      expect(await stockOf(plenty.skuIds[0])).toBe(10);
      expect(await stockOf(scarce.skuIds[0])).toBe(1);
    });

    it('refuses a closed store, an unsupported mode and an address out of range', async () => {
      const { shopper } = await newShopperWithAddress();
      const far = await seedAddress(shopper, { far: true });
      const { skuIds } = await seedProduct(admin);
      const closed = await seedStore(admin, { status: 'CLOSED' });
      const pickupOnly = await seedStore(admin, { serviceModes: ['PICKUP'] });
      expect((await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'PICKUP', storeId: closed }, 409)).body.code).toBe('STORE_CLOSED');
      expect((await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'LOCAL_DELIVERY', storeId, addressId: far }, 409)).body.code).toBe('OUT_OF_DELIVERY_RANGE');
      const unsupported = await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'DINE_IN', storeId: pickupOnly }, 409);
      expect(unsupported.body.code).toMatch(/NOT_SUPPORTED|NOT_OFFERED/);
    });

    it('refuses a coupon the shopper does not hold', async () => {
      const { shopper, addressId } = await newShopperWithAddress();
      const { skuIds } = await seedProduct(admin);
      const res = await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId, couponId: 77 }, 409);
      expect(res.body.code).toBe('COUPON_NOT_APPLICABLE');
    });

    it('returns the first order for a repeated Idempotency-Key and refuses the key with another body', async () => {
      const { shopper, addressId } = await newShopperWithAddress();
      const { skuIds } = await seedProduct(admin, { stock: 10 });
      const body = { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId };
      const [a, b] = await Promise.all([
        shopper.post('/api/v1/app/orders', body).set('Idempotency-Key', 'order-key-1'),
        shopper.post('/api/v1/app/orders', body).set('Idempotency-Key', 'order-key-1'),
      ]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body.id).toBe(b.body.id);
      const again = await shopper.post('/api/v1/app/orders', body).set('Idempotency-Key', 'order-key-1').expect(201);
      expect(again.body.id).toBe(a.body.id);
      const conflict = await shopper.post('/api/v1/app/orders', { ...body, remark: 'different' }).set('Idempotency-Key', 'order-key-1').expect(409);
      expect(conflict.body.code).toBe('IDEMPOTENCY_CONFLICT');
      expect(await stockOf(skuIds[0])).toBe(9);
      await shopper.post('/api/v1/app/orders', body).set('Idempotency-Key', 'x'.repeat(65)).expect(400);
    });

    it('sells exactly the stock to concurrent buyers', async () => {
      const { skuIds } = await seedProduct(admin, { stock: 10 });
      const buyers = await Promise.all(Array.from({ length: 50 }, () => newShopperWithAddress()));
      const results = await Promise.all(
        buyers.map(({ shopper, addressId }) => shopper.post('/api/v1/app/orders').send({ items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId })),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(10);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'OUT_OF_STOCK')).toBe(true);
      expect(results.filter((r) => r.status !== 201 && r.status !== 409)).toEqual([]);
      expect(await stockOf(skuIds[0])).toBe(0);
    });
  });

  describe('paying', () => {
    it('runs the whole journey: place, pay, ship, confirm', async () => {
      const { shopper, addressId } = await newShopperWithAddress();
      const { skuIds } = await seedProduct(admin, { prices: [2590] });
      const order = (await place(shopper, { items: [{ skuId: skuIds[0], quantity: 2 }], deliveryType: 'EXPRESS', addressId, storeId })).body;
      const deliveries = await pay(shopper, order);
      expect(deliveries.map((d) => d.status)).toEqual([204]);
      const paid = (await shopper.get(`/api/v1/app/orders/${order.id}`).expect(200)).body;
      expect(paid.status).toBe('PAID');
      expect(paid.paidAt).toBeTruthy();
      await shopper.post(`/api/v1/app/orders/${order.id}/confirm-receipt`).expect(409);
      const shipped = await admin.post(`/api/v1/admin/orders/${order.id}/ship`, { carrier: 'OTHER', trackingNo: 'YT1234567890' }).expect(200);
      expect(shipped.body).toMatchObject({ status: 'SHIPPED', carrier: 'OTHER', trackingNo: 'YT1234567890' });
      await admin.post(`/api/v1/admin/orders/${order.id}/ship`, { carrier: 'OTHER', trackingNo: 'YT1234567890' }).expect(409);
      const done = await shopper.post(`/api/v1/app/orders/${order.id}/confirm-receipt`).expect(200);
      expect(done.body.status).toBe('COMPLETED');
      const detail = (await admin.get(`/api/v1/admin/orders/${order.id}`).expect(200)).body;
      expect(detail.logs.map((l: { toStatus: string }) => l.toStatus)).toEqual(['PENDING_PAYMENT', 'PAID', 'SHIPPED', 'COMPLETED']);
      expect(detail.logs[1].actor).toBe('system');
      expect(detail.logs[2].actor).toBe(`staff:${admin.id}`);
      expect(detail.payments).toEqual([expect.objectContaining({ status: 'PAID', amount: 5180, transactionId: expect.any(String) })]);
    });

    it('reuses a valid prepay and refuses to pay an order that is not waiting for payment', async () => {
      const { shopper, addressId } = await newShopperWithAddress();
      const { skuIds } = await seedProduct(admin);
      const order = (await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId })).body;
      const first = await shopper.post(`/api/v1/app/orders/${order.id}/pay`).expect(200);
      const second = await shopper.post(`/api/v1/app/orders/${order.id}/pay`).expect(200);
      expect(second.body.package).toBe(first.body.package);
      await shopper.post(`/api/v1/app/orders/${order.id}/cancel`).expect(200);
      const res = await shopper.post(`/api/v1/app/orders/${order.id}/pay`).expect(409);
      expect(res.body.code).toBe('ORDER_STATE_INVALID');
      const stranger = await asShopper(t);
      await stranger.post(`/api/v1/app/orders/${order.id}/pay`).expect(404);
    });

    it('answers 502 UPSTREAM_ERROR when WeChat Pay fails, changing nothing', async () => {
      const { shopper, addressId } = await newShopperWithAddress();
      const { skuIds } = await seedProduct(admin);
      const order = (await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId })).body;
      t.wechatPay!.failNext(1, { status: 500, code: 'SYSTEM_ERROR' });
      const res = await shopper.post(`/api/v1/app/orders/${order.id}/pay`).expect(502);
      expect(res.body.code).toBe('UPSTREAM_ERROR');
      expect((await admin.get(`/api/v1/admin/orders/${order.id}`).expect(200)).body.payments).toEqual([]);
    });

    it('marks an order paid once when the same callback arrives ten times at once', async () => {
      const { shopper, addressId } = await newShopperWithAddress();
      const { skuIds } = await seedProduct(admin);
      const order = (await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId })).body;
      const deliveries = await pay(shopper, order, { times: 10, parallel: true });
      expect(deliveries.map((d) => d.status)).toEqual(Array(10).fill(204));
      const detail = (await admin.get(`/api/v1/admin/orders/${order.id}`).expect(200)).body;
      expect(detail.status).toBe('PAID');
      expect(detail.logs.filter((l: { toStatus: string }) => l.toStatus === 'PAID')).toHaveLength(1);
      expect(detail.payments.filter((p: { status: string }) => p.status === 'PAID')).toHaveLength(1);
    });

    it.each(['wrong-key', 'stale', 'probe', 'tampered', 'unknown-serial', 'missing-headers', 'wrong-apiv3-key'] as const)(
      'rejects a %s callback with 401 FAIL and changes nothing',
      async (forgery) => {
        const { shopper, addressId } = await newShopperWithAddress();
        const { skuIds } = await seedProduct(admin);
        const order = (await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId })).body;
        await pay(shopper, order, { deliver: false });
        const delivery = await t.wechatPay!.postCallback(t.wechatPay!.buildTransactionCallback(order.orderNo, forgery));
        expect(delivery.status).toBe(401);
        expect(JSON.parse(delivery.responseBody)).toMatchObject({ code: 'FAIL' });
        expect(await orderStatus(shopper, order.id)).toBe('PENDING_PAYMENT');
      },
    );

    it('acknowledges but never applies a genuine callback with the wrong amount', async () => {
      const { shopper, addressId } = await newShopperWithAddress();
      const { skuIds } = await seedProduct(admin, { prices: [1000] });
      const order = (await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId })).body;
      const deliveries = await pay(shopper, order, { amountOverride: 1 });
      expect(deliveries[0].status).toBe(204);
      expect(await orderStatus(shopper, order.id)).toBe('PENDING_PAYMENT');
    });

    it('recovers a lost callback through a payment sync', async () => {
      const { shopper, addressId } = await newShopperWithAddress();
      const { skuIds } = await seedProduct(admin);
      const order = (await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId })).body;
      await pay(shopper, order, { deliver: false });
      expect(await orderStatus(shopper, order.id)).toBe('PENDING_PAYMENT');
      const synced = await admin.post(`/api/v1/admin/orders/${order.id}/sync-payment`).expect(200);
      expect(synced.body).toEqual({ tradeState: 'SUCCESS', outcome: 'paid' });
      expect(await orderStatus(shopper, order.id)).toBe('PAID');
      const again = await admin.post(`/api/v1/admin/orders/${order.id}/sync-payment`).expect(200);
      expect(again.body.outcome).toBe('duplicate');
    });
  });

  describe('timers', () => {
    async function expire(orderId: number) {
      await t.dataSource.manager.update(OrderEntity, { id: orderId }, { expiresAt: new Date(Date.now() - 60_000) });
    }

    it('cancels an unpaid order when its pay-timeout job runs, releasing its stock', async () => {
      const { shopper, addressId } = await newShopperWithAddress();
      const { skuIds } = await seedProduct(admin, { stock: 5 });
      const order = (await place(shopper, { items: [{ skuId: skuIds[0], quantity: 2 }], deliveryType: 'EXPRESS', addressId })).body;
      expect(await stockOf(skuIds[0])).toBe(3);
      await expire(order.id);
      await t.app.get(JobQueue).enqueue('ordering.pay-timeout', { orderId: order.id }, { jobId: `test-timeout:${order.id}` });
      await eventually(async () => expect(await orderStatus(shopper, order.id)).toBe('CANCELLED'));
      expect(await stockOf(skuIds[0])).toBe(5);
    });

    it('catches an expired order the queue lost with the sweep, and confirms shipped orders past their window', async () => {
      const { shopper, addressId } = await newShopperWithAddress();
      const { skuIds } = await seedProduct(admin, { stock: 5 });
      const unpaid = (await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId })).body;
      const shipped = (await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId })).body;
      await pay(shopper, shipped);
      await admin.post(`/api/v1/admin/orders/${shipped.id}/ship`, { carrier: 'OTHER', trackingNo: 'YT0000000001' }).expect(200);
      await expire(unpaid.id);
      await t.dataSource.manager.update(OrderEntity, { id: shipped.id }, { shippedAt: new Date(Date.now() - 8 * 86_400_000) });
      const result = await t.app.get(OrderTimers).sweep();
      expect(result.cancelled).toBeGreaterThanOrEqual(1);
      expect(result.confirmed).toBeGreaterThanOrEqual(1);
      expect(await orderStatus(shopper, unpaid.id)).toBe('CANCELLED');
      expect(await orderStatus(shopper, shipped.id)).toBe('COMPLETED');
      const again = await t.app.get(OrderTimers).sweep();
      expect(again).toEqual({ cancelled: 0, confirmed: 0 });
      expect(await stockOf(skuIds[0])).toBe(4);
    });

    it('does not cancel an expired order that WeChat Pay says was paid', async () => {
      const { shopper, addressId } = await newShopperWithAddress();
      const { skuIds } = await seedProduct(admin);
      const order = (await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId })).body;
      await pay(shopper, order, { deliver: false });
      await expire(order.id);
      await t.app.get(OrderTimers).sweep();
      expect(await orderStatus(shopper, order.id)).toBe('PAID');
    });

    it('does not cancel an expired order while WeChat Pay cannot be asked, and settles it once it answers', async () => {
      const { shopper, addressId } = await newShopperWithAddress();
      const { skuIds } = await seedProduct(admin, { stock: 5 });
      const order = (await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId })).body;
      await pay(shopper, order, { deliver: false });
      await expire(order.id);
      t.wechatPay!.failNext(1, { status: 500, code: 'SYSTEM_ERROR', path: new RegExp(order.orderNo) });
      await t.app.get(OrderTimers).sweep();
      expect(await orderStatus(shopper, order.id)).toBe('PENDING_PAYMENT');
      expect(await stockOf(skuIds[0])).toBe(4);
      await t.app.get(OrderTimers).sweep();
      expect(await orderStatus(shopper, order.id)).toBe('PAID');
      expect(t.wechatPay!.refunds.filter((r) => r.outTradeNo === order.orderNo)).toEqual([]);
    });

    it('refunds a payment that arrives after the order was cancelled', async () => {
      const { shopper, addressId } = await newShopperWithAddress();
      const { skuIds } = await seedProduct(admin, { prices: [880] });
      const order = (await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'EXPRESS', addressId })).body;
      await shopper.post(`/api/v1/app/orders/${order.id}/pay`).expect(200);
      await shopper.post(`/api/v1/app/orders/${order.id}/cancel`).expect(200);
      // The shopper's payment slipped through before WeChat closed the order.
      t.wechatPay!.order(order.orderNo)!.tradeState = 'NOTPAY';
      const deliveries = await t.wechatPay!.pay(order.orderNo);
      expect(deliveries[0].status).toBe(204);
      expect(await orderStatus(shopper, order.id)).toBe('CANCELLED');
      await eventually(() => expect(t.wechatPay!.refunds.filter((r) => r.outTradeNo === order.orderNo)).toEqual([expect.objectContaining({ refund: 880, total: 880 })]));
    });
  });

  describe('after-sales and refunds', () => {
    async function paidOrder(prices = [1000, 2000], quantities = [2, 1]) {
      const { shopper, addressId } = await newShopperWithAddress();
      const { skuIds } = await seedProduct(admin, { prices, stock: 20 });
      const order = (
        await place(shopper, { items: skuIds.map((skuId, i) => ({ skuId, quantity: quantities[i] })), deliveryType: 'EXPRESS', addressId, storeId })
      ).body;
      await pay(shopper, order);
      return { shopper, order, skuIds };
    }

    async function refundCompletes(afterSaleId: number, shopper: ApiClient) {
      const refund = await eventually(() => {
        const r = t.wechatPay!.refunds.find((x) => x.outRefundNo.startsWith(`RF${afterSaleId}`));
        expect(r).toBeDefined();
        return r!;
      });
      await t.wechatPay!.completeRefund(refund.outRefundNo, 'SUCCESS');
      await eventually(async () => expect((await shopper.get(`/api/v1/app/after-sales/${afterSaleId}`).expect(200)).body.status).toBe('REFUNDED'));
      return refund;
    }

    it('refunds part of an order, then the rest, and closes it', async () => {
      const { shopper, order, skuIds } = await paidOrder();
      const stockBefore = await stockOf(skuIds[0]);
      const first = await shopper
        .post(`/api/v1/app/orders/${order.id}/after-sales`, { type: 'REFUND_ONLY', items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: 'one was broken' })
        .expect(201);
      expect(first.body).toMatchObject({ status: 'PENDING', refundAmount: 1000 });
      await admin.post(`/api/v1/admin/after-sales/${first.body.id}/approve`).expect(200);
      const refund = await refundCompletes(first.body.id, shopper);
      expect(refund.refund).toBe(1000);
      expect(await orderStatus(shopper, order.id)).toBe('PAID');
      expect(await stockOf(skuIds[0])).toBe(stockBefore + 1);

      const rest = await shopper.post(`/api/v1/app/orders/${order.id}/after-sales`, { type: 'REFUND_ONLY', reason: 'never mind the rest' }).expect(201);
      expect(rest.body.refundAmount).toBe(3000);
      await admin.post(`/api/v1/admin/after-sales/${rest.body.id}/approve`).expect(200);
      await refundCompletes(rest.body.id, shopper);
      expect(await orderStatus(shopper, order.id)).toBe('CLOSED');
      const total = t.wechatPay!.refunds.filter((r) => r.outTradeNo === order.orderNo).reduce((s, r) => s + r.refund, 0);
      expect(total).toBe(order.payAmount);
      await shopper.post(`/api/v1/app/orders/${order.id}/after-sales`, { type: 'REFUND_ONLY', reason: 'again' }).expect(409);
    });

    it('never lets concurrent after-sales claim more than was paid', async () => {
      const { shopper, order } = await paidOrder();
      const attempts = await Promise.all(
        Array.from({ length: 6 }, () => shopper.post(`/api/v1/app/orders/${order.id}/after-sales`).send({ type: 'REFUND_ONLY', reason: 'race' })),
      );
      expect(attempts.filter((r) => r.status === 201)).toHaveLength(1);
      expect(attempts.filter((r) => r.status !== 201).every((r) => r.status === 409)).toBe(true);
      expect(attempts.find((r) => r.status === 201)!.body.refundAmount).toBe(order.payAmount);
    });

    it('returns goods before refunding them, and shows a failed refund to staff to retry', async () => {
      const { shopper, order } = await paidOrder([1500], [1]);
      await shopper.post(`/api/v1/app/orders/${order.id}/after-sales`, { type: 'RETURN_AND_REFUND', reason: 'wrong size' }).expect(409);
      await admin.post(`/api/v1/admin/orders/${order.id}/ship`, { carrier: 'OTHER', trackingNo: 'YT5555555555' }).expect(200);
      const applied = await shopper.post(`/api/v1/app/orders/${order.id}/after-sales`, { type: 'RETURN_AND_REFUND', reason: 'wrong size' }).expect(201);
      const approved = await admin.post(`/api/v1/admin/after-sales/${applied.body.id}/approve`).expect(200);
      expect(approved.body.status).toBe('AWAITING_RETURN');
      await shopper.post(`/api/v1/app/after-sales/${applied.body.id}/return-shipment`, { carrier: 'SF', trackingNo: 'SF1234567890' }).expect(200);
      await admin.post(`/api/v1/admin/after-sales/${applied.body.id}/receive`).expect(200);
      const refund = await eventually(() => {
        const r = t.wechatPay!.refunds.find((x) => x.outTradeNo === order.orderNo);
        expect(r).toBeDefined();
        return r!;
      });
      await t.wechatPay!.completeRefund(refund.outRefundNo, 'ABNORMAL');
      await eventually(async () => expect((await admin.get(`/api/v1/admin/after-sales/${applied.body.id}`).expect(200)).body.status).toBe('REFUND_FAILED'));
      // The refund row at WeChat Pay exists since the first attempt: only a new request proves the retry sent it again.
      const sendsOfThisRefund = () =>
        t.wechatPay!.requests.filter((r) => r.method === 'POST' && r.path === '/v3/refund/domestic/refunds' && (r.json as { out_refund_no?: string } | undefined)?.out_refund_no === refund.outRefundNo).length;
      const sentBefore = sendsOfThisRefund();
      expect(sentBefore).toBeGreaterThan(0);
      const retried = await admin.post(`/api/v1/admin/after-sales/${applied.body.id}/retry-refund`).expect(200);
      expect(retried.body).toMatchObject({ status: 'REFUNDING', failureReason: null, refundNo: refund.outRefundNo });
      await eventually(() => expect(sendsOfThisRefund()).toBe(sentBefore + 1));
    });

    it('sends the refund of an approved after-sale whose refund request was lost, once', async () => {
      const { shopper, order } = await paidOrder([1300], [1]);
      const applied = await shopper.post(`/api/v1/app/orders/${order.id}/after-sales`, { type: 'REFUND_ONLY', reason: 'lost request' }).expect(201);
      // The process stopped right after the approval committed: REFUNDING, but no refund was ever requested.
      await t.dataSource.manager.update(AfterSaleEntity, { id: applied.body.id }, { status: 'REFUNDING', refundNo: newRefundNo(applied.body.id) });
      const sweep = () => t.app.get(PaymentProcessors).sweep(new Date(Date.now() + 10 * 60_000));
      await sweep();
      await refundCompletes(applied.body.id, shopper);
      await sweep();
      expect(t.wechatPay!.refunds.filter((r) => r.outTradeNo === order.orderNo)).toEqual([expect.objectContaining({ refund: 1300 })]);
    });

    it('lets staff reject, and the shopper withdraw, giving the claim back', async () => {
      const { shopper, order } = await paidOrder([1000], [1]);
      const first = await shopper.post(`/api/v1/app/orders/${order.id}/after-sales`, { type: 'REFUND_ONLY', reason: 'hmm' }).expect(201);
      await admin.post(`/api/v1/admin/after-sales/${first.body.id}/reject`, { reason: 'no' }).expect(200);
      const second = await shopper.post(`/api/v1/app/orders/${order.id}/after-sales`, { type: 'REFUND_ONLY', reason: 'please' }).expect(201);
      const withdrawn = await shopper.post(`/api/v1/app/after-sales/${second.body.id}/cancel`).expect(200);
      expect(withdrawn.body.status).toBe('CANCELLED');
      await admin.post(`/api/v1/admin/after-sales/${second.body.id}/approve`).expect(409);
      await shopper.post(`/api/v1/app/orders/${order.id}/after-sales`, { type: 'REFUND_ONLY', reason: 'third time' }).expect(201);
    });
  });

  describe('counter orders and staff scope', () => {
    it('prepares a pickup order and completes it with the right pickup code only', async () => {
      const shopper = await asShopper(t);
      const { skuIds } = await seedProduct(admin);
      const order = (await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'PICKUP', storeId })).body;
      await pay(shopper, order);
      await admin.post(`/api/v1/admin/orders/${order.id}/ship`, { carrier: 'OTHER', trackingNo: 'YT1111111111' }).expect(409);
      await admin.post(`/api/v1/admin/orders/${order.id}/ready`).expect(200);
      const wrong = order.pickupCode === '000000' ? '111111' : '000000';
      expect((await admin.post(`/api/v1/admin/orders/${order.id}/verify-pickup`, { pickupCode: wrong }).expect(409)).body.code).toBe('PICKUP_CODE_MISMATCH');
      const done = await admin.post(`/api/v1/admin/orders/${order.id}/verify-pickup`, { pickupCode: order.pickupCode }).expect(200);
      expect(done.body.status).toBe('COMPLETED');
    });

    it('shows staff only the orders of their stores (others are 404) and needs the permission', async () => {
      const shopper = await asShopper(t);
      const otherStore = await seedStore(admin);
      const { skuIds } = await seedProduct(admin);
      const mine = (await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'PICKUP', storeId })).body;
      const theirs = (await place(shopper, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'PICKUP', storeId: otherStore })).body;
      const clerk = await asAdmin(t, ['order:read', 'order:cancel'], { storeIds: [storeId] });
      await clerk.get(`/api/v1/admin/orders/${mine.id}`).expect(200);
      await clerk.get(`/api/v1/admin/orders/${theirs.id}`).expect(404);
      await clerk.post(`/api/v1/admin/orders/${theirs.id}/cancel`, {}).expect(404);
      const list = await clerk.get('/api/v1/admin/orders?pageSize=100').expect(200);
      expect(list.body.items.every((o: { storeId: number }) => o.storeId === storeId)).toBe(true);
      await clerk.post(`/api/v1/admin/orders/${mine.id}/ready`).expect(403);
      const cancelled = await clerk.post(`/api/v1/admin/orders/${mine.id}/cancel`, { reason: 'out of milk' }).expect(200);
      expect(cancelled.body.status).toBe('CANCELLED');
    });

    it('keeps each shopper to their own orders', async () => {
      const a = await asShopper(t);
      const b = await asShopper(t);
      const { skuIds } = await seedProduct(admin);
      const order = (await place(a, { items: [{ skuId: skuIds[0], quantity: 1 }], deliveryType: 'PICKUP', storeId })).body;
      await b.get(`/api/v1/app/orders/${order.id}`).expect(404);
      await b.post(`/api/v1/app/orders/${order.id}/cancel`).expect(404);
      expect((await b.get('/api/v1/app/orders').expect(200)).body.total).toBe(0);
      await a.get('/api/v1/app/orders/abc').expect(400);
    });
  });

  describe('settings', () => {
    it('reads and changes order settings, refusing bad values', async () => {
      const before = (await admin.get('/api/v1/admin/settings/order').expect(200)).body;
      expect(before).toMatchObject({ payTimeoutMinutes: 30, autoConfirmDays: 7, afterSaleDays: 7 });
      await admin.put('/api/v1/admin/settings/order', { payTimeoutMinutes: 0 }).expect(400);
      await admin.put('/api/v1/admin/settings/order', { payTimeoutMinutes: 15, unknown: 1 }).expect(400);
      const after = await admin.put('/api/v1/admin/settings/order', { payTimeoutMinutes: 15 }).expect(200);
      expect(after.body).toMatchObject({ payTimeoutMinutes: 15, autoConfirmDays: 7 });
      // Restored by the afterEach below, even when an expectation above fails.
    });
  });
});

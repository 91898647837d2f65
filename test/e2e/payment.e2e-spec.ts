import { PaymentAnomalyEntity } from '../../src/modules/payment/domain/payment-anomaly.entity';
import { PaymentEntity } from '../../src/modules/payment/domain/payment.entity';
import { InventoryService } from '../../src/modules/inventory';
import { createTestApp, TestApp } from '../support/app-factory';
import { ApiClient, asShopper, asSuperAdmin, ShopperClient } from '../support/clients';
import { eventually } from '../support/eventually';
import { seedAddress, seedProduct } from '../support/shop-builders';

/**
 * The payment context over HTTP against the WeChat Pay simulator: one pay attempt in flight per
 * order, a second genuine payment of a paid order refunded automatically, and the amount cap
 * (WeChat Pay's amount.total is a 32-bit integer).
 */
describe('payment', () => {
  const MAX_PAY_AMOUNT = 1_000_000; // 10,000 yuan, in fen
  let t: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await createTestApp({ wechatPay: true, env: { ORDER_MAX_PAY_AMOUNT: String(MAX_PAY_AMOUNT) } });
    admin = await asSuperAdmin(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function placeOrder(shopper: ShopperClient, price = 1000, quantity = 1): Promise<{ id: number; orderNo: string; payAmount: number }> {
    const addressId = await seedAddress(shopper);
    const { skuIds } = await seedProduct(admin, { prices: [price] });
    return (await shopper.post('/api/v1/app/orders', { items: [{ skuId: skuIds[0], quantity }], deliveryType: 'EXPRESS', addressId }).expect(201)).body;
  }

  const prepaysOf = (orderNo: string) =>
    t.wechatPay!.requests.filter((r) => r.path === '/v3/pay/transactions/jsapi' && (r.json as { out_trade_no?: string } | undefined)?.out_trade_no === orderNo);

  async function detail(orderId: number) {
    return (await admin.get(`/api/v1/admin/orders/${orderId}`).expect(200)).body;
  }

  describe('paying', () => {
    it('makes one prepay for 20 parallel pay requests and hands every one the same parameters', async () => {
      const shopper = await asShopper(t);
      const order = await placeOrder(shopper);
      const answers = await Promise.all(Array.from({ length: 20 }, () => shopper.post(`/api/v1/app/orders/${order.id}/pay`)));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      expect(new Set(answers.map((a) => a.body.package)).size).toBe(1);
      for (const answer of answers) expect(t.wechatPay!.verifyRequestPayment(answer.body)).toBe(true);
      expect(prepaysOf(order.orderNo)).toHaveLength(1);
      expect((await detail(order.id)).payments).toEqual([expect.objectContaining({ status: 'PENDING', amount: 1000, transactionId: null })]);
    });

    it('lets a pay request after a failed prepay try again, and keeps no record of the failure', async () => {
      const shopper = await asShopper(t);
      const order = await placeOrder(shopper);
      t.wechatPay!.failNext(1, { status: 500, code: 'SYSTEM_ERROR', path: '/v3/pay/transactions/jsapi' });
      const failed = await shopper.post(`/api/v1/app/orders/${order.id}/pay`).expect(502);
      expect(failed.body.code).toBe('UPSTREAM_ERROR');
      expect((await detail(order.id)).payments).toEqual([]);
      const ok = await shopper.post(`/api/v1/app/orders/${order.id}/pay`).expect(200);
      expect(t.wechatPay!.verifyRequestPayment(ok.body)).toBe(true);
      expect((await detail(order.id)).payments).toHaveLength(1);
    });

    it('takes over the claim of a pay request whose process died before WeChat Pay answered', async () => {
      const shopper = await asShopper(t);
      const order = await placeOrder(shopper);
      // What a process leaves behind when it stops between claiming the attempt and recording its prepay.
      const expiresAt = new Date(Date.now() + 10 * 60_000);
      await t.dataSource.getRepository(PaymentEntity).insert(PaymentEntity.claim({ id: order.id, orderNo: order.orderNo, payAmount: order.payAmount, expiresAt }));
      await t.dataSource.createQueryBuilder().update(PaymentEntity).set({ updatedAt: new Date(Date.now() - 60_000) }).where('order_id = :id', { id: order.id }).execute();
      const res = await shopper.post(`/api/v1/app/orders/${order.id}/pay`).expect(200);
      expect(t.wechatPay!.verifyRequestPayment(res.body)).toBe(true);
      expect(prepaysOf(order.orderNo)).toHaveLength(1);
      const rows = await t.dataSource.getRepository(PaymentEntity).findBy({ orderId: order.id });
      expect(rows).toEqual([expect.objectContaining({ status: 'PENDING', prepayId: res.body.package.slice('prepay_id='.length), pendingOrderId: order.id })]);
    });
  });

  describe('a second genuine payment of a paid order', () => {
    it('is recorded as an anomaly and refunded once, however often its callback comes, and the order stays paid once', async () => {
      const shopper = await asShopper(t);
      const order = await placeOrder(shopper, 1290);
      await shopper.post(`/api/v1/app/orders/${order.id}/pay`).expect(200);
      expect((await t.wechatPay!.pay(order.orderNo)).map((d) => d.status)).toEqual([204]);
      const first = t.wechatPay!.order(order.orderNo)!.transactionId!;
      expect((await detail(order.id)).status).toBe('PAID');

      // The shopper pays again (say from a second prepay): WeChat Pay takes the money a second time.
      t.wechatPay!.order(order.orderNo)!.tradeState = 'NOTPAY';
      const deliveries = await t.wechatPay!.pay(order.orderNo, { times: 10, parallel: true });
      expect(deliveries.map((d) => d.status)).toEqual(Array(10).fill(204));
      const second = t.wechatPay!.order(order.orderNo)!.transactionId!;
      expect(second).not.toBe(first);

      await eventually(() => expect(t.wechatPay!.refunds.filter((r) => r.outTradeNo === order.orderNo)).toHaveLength(1));
      const [refund] = t.wechatPay!.refunds.filter((r) => r.outTradeNo === order.orderNo);
      expect(refund).toMatchObject({ transactionId: second, refund: 1290, total: 1290 });

      const paid = await detail(order.id);
      expect(paid.status).toBe('PAID');
      expect(paid.logs.filter((l: { toStatus: string }) => l.toStatus === 'PAID')).toHaveLength(1);
      expect(paid.payments).toEqual([expect.objectContaining({ status: 'PAID', transactionId: first })]);
      const anomalies = await t.dataSource.getRepository(PaymentAnomalyEntity).findBy({ outTradeNo: order.orderNo });
      expect(anomalies).toEqual([expect.objectContaining({ kind: 'ALREADY_PAID', transactionId: second })]);

      // WeChat Pay delivers the same notification once more, and the refund completes.
      const again = await t.wechatPay!.postCallback(t.wechatPay!.buildTransactionCallback(order.orderNo));
      expect(again.status).toBe(204);
      await t.wechatPay!.completeRefund(refund.outRefundNo, 'SUCCESS');
      await new Promise((r) => setTimeout(r, 300));
      expect(t.wechatPay!.refunds.filter((r) => r.outTradeNo === order.orderNo)).toHaveLength(1);
      expect(await t.dataSource.getRepository(PaymentAnomalyEntity).countBy({ outTradeNo: order.orderNo })).toBe(1);
      const after = await detail(order.id);
      expect(after.status).toBe('PAID');
      expect(after.payments).toEqual(paid.payments);
      expect(after.logs).toEqual(paid.logs);
    });
  });

  describe('the amount cap', () => {
    const stockOf = async (skuId: number) => (await t.app.get(InventoryService).stockOf([skuId])).get(skuId)!.stock;

    it('refuses to preview or place an order above ORDER_MAX_PAY_AMOUNT with 409, writing nothing', async () => {
      const shopper = await asShopper(t);
      const addressId = await seedAddress(shopper);
      const { skuIds } = await seedProduct(admin, { prices: [100_000_000_00], stock: 1000 });
      const body = { items: [{ skuId: skuIds[0], quantity: 999 }], deliveryType: 'EXPRESS', addressId };
      const preview = await shopper.post('/api/v1/app/orders/preview', body).expect(409);
      expect(preview.body).toMatchObject({ code: 'ORDER_AMOUNT_TOO_LARGE', details: { payAmount: 999 * 100_000_000_00, maxPayAmount: MAX_PAY_AMOUNT } });
      const placed = await shopper.post('/api/v1/app/orders', body).expect(409);
      expect(placed.body.code).toBe('ORDER_AMOUNT_TOO_LARGE');
      expect(await stockOf(skuIds[0])).toBe(1000);
      expect((await shopper.get('/api/v1/app/orders').expect(200)).body.total).toBe(0);
    });

    it('accepts an order of exactly the maximum and refuses one fen more', async () => {
      const shopper = await asShopper(t);
      const addressId = await seedAddress(shopper);
      const { skuIds } = await seedProduct(admin, { prices: [MAX_PAY_AMOUNT / 2, MAX_PAY_AMOUNT / 2 + 1] });
      await shopper.post('/api/v1/app/orders/preview', { items: [{ skuId: skuIds[0], quantity: 2 }], deliveryType: 'EXPRESS', addressId }).expect(200);
      const over = await shopper.post('/api/v1/app/orders/preview', { items: [{ skuId: skuIds[1], quantity: 2 }], deliveryType: 'EXPRESS', addressId }).expect(409);
      expect(over.body.code).toBe('ORDER_AMOUNT_TOO_LARGE');
    });

    it('refuses to prepay an order above the maximum (placed before it was lowered), asking WeChat Pay nothing', async () => {
      const shopper = await asShopper(t);
      const order = await placeOrder(shopper, 5000);
      const before = t.config.orders.maxPayAmount;
      t.config.orders.maxPayAmount = 4999;
      try {
        const res = await shopper.post(`/api/v1/app/orders/${order.id}/pay`).expect(409);
        expect(res.body).toMatchObject({ code: 'ORDER_AMOUNT_TOO_LARGE', details: { payAmount: 5000, maxPayAmount: 4999 } });
      } finally {
        t.config.orders.maxPayAmount = before;
      }
      expect(prepaysOf(order.orderNo)).toEqual([]);
      expect((await detail(order.id)).payments).toEqual([]);
    });
  });
});

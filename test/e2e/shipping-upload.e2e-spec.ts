import { ShippingUploadService } from '../../src/modules/ordering';
import { createTestApp, TestApp } from '../support/app-factory';
import { ApiClient, asShopper, asSuperAdmin, ShopperClient } from '../support/clients';
import { eventually } from '../support/eventually';
import { seedAddress, seedProduct, seedStore } from '../support/shop-builders';

describe('WeChat order shipping information upload', () => {
  let t: TestApp;
  let admin: ApiClient;
  let storeId: number;

  beforeAll(async () => {
    t = await createTestApp({ wechatPay: true });
    admin = await asSuperAdmin(t);
    storeId = await seedStore(admin, { localDeliveryFee: 300 });
  });
  afterAll(async () => {
    await t?.close();
  });

  interface Placed {
    id: number;
    orderNo: string;
    pickupCode: string | null;
  }

  async function placed(shopper: ShopperClient, deliveryType: string, quantity = 1, name?: string): Promise<Placed> {
    const { skuIds } = await seedProduct(admin, { prices: [1200], name });
    const needsAddress = deliveryType === 'EXPRESS' || deliveryType === 'LOCAL_DELIVERY';
    const addressId = needsAddress ? await seedAddress(shopper) : undefined;
    const res = await shopper.post('/api/v1/app/orders', { items: [{ skuId: skuIds[0], quantity }], deliveryType, addressId, storeId }).expect(201);
    return res.body;
  }

  async function paid(shopper: ShopperClient, deliveryType: string, quantity = 1, name?: string): Promise<Placed> {
    const order = await placed(shopper, deliveryType, quantity, name);
    await shopper.post(`/api/v1/app/orders/${order.id}/pay`).expect(200);
    const deliveries = await t.wechatPay!.pay(order.orderNo);
    expect(deliveries.map((d) => d.status)).toEqual([204]);
    return order;
  }

  const uploadsOf = (transactionId: string) =>
    t.wechat.shippingUploads.filter((u) => (u.order_key as { transaction_id?: string }).transaction_id === transactionId);

  async function detail(orderId: number) {
    return (await admin.get(`/api/v1/admin/orders/${orderId}`).expect(200)).body;
  }

  async function transactionOf(orderId: number): Promise<string> {
    return (await detail(orderId)).payments.find((p: { status: string }) => p.status === 'PAID').transactionId;
  }

  async function uploaded(orderId: number) {
    return eventually(async () => {
      const d = await detail(orderId);
      expect(d.shippingUpload).toMatchObject({ status: 'UPLOADED' });
      return d.shippingUpload;
    });
  }

  it('uploads an express shipment once, with the tracking number, carrier and payer', async () => {
    const shopper = await asShopper(t);
    const order = await paid(shopper, 'EXPRESS', 2, '绿茶');
    const transactionId = await transactionOf(order.id);
    expect((await detail(order.id)).shippingUpload).toBeNull();
    const before = Date.now();
    await admin.post(`/api/v1/admin/orders/${order.id}/ship`, { carrier: 'SF', trackingNo: 'SF1234567890' }).expect(200);
    const state = await uploaded(order.id);
    expect(state).toEqual({ status: 'UPLOADED', logisticsType: 1, attempts: 1, lastError: null, uploadedAt: expect.any(String) });
    const uploads = uploadsOf(transactionId);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toEqual({
      order_key: { order_number_type: 2, transaction_id: transactionId },
      logistics_type: 1,
      delivery_mode: 1,
      shipping_list: [{ tracking_no: 'SF1234567890', express_company: 'SF', item_desc: '绿茶 x2', contact: { receiver_contact: '138****8000' } }],
      upload_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/),
      payer: { openid: shopper.openid },
    });
    expect(Date.parse(uploads[0].upload_time as string)).toBeGreaterThanOrEqual(before - 1000);

    // Confirming receipt and sweeping later never send it again.
    await shopper.post(`/api/v1/app/orders/${order.id}/confirm-receipt`).expect(200);
    await t.app.get(ShippingUploadService).sweep(new Date(Date.now() + 2 * 3_600_000));
    await t.app.get(ShippingUploadService).upload(order.id, false);
    await new Promise((r) => setTimeout(r, 100));
    expect(uploadsOf(transactionId)).toHaveLength(1);
    expect((await detail(order.id)).shippingUpload.attempts).toBe(1);
  });

  it('uploads a local delivery as same-city delivery', async () => {
    const shopper = await asShopper(t);
    const order = await paid(shopper, 'LOCAL_DELIVERY');
    const transactionId = await transactionOf(order.id);
    await admin.post(`/api/v1/admin/orders/${order.id}/ship`, { carrier: 'OTHER', trackingNo: 'RIDER-0001' }).expect(200);
    await uploaded(order.id);
    const uploads = uploadsOf(transactionId);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ logistics_type: 2, delivery_mode: 1, payer: { openid: shopper.openid } });
    expect((uploads[0].shipping_list as unknown[])[0]).toEqual({ item_desc: expect.stringMatching(/ x1$/) });
  });

  it('retries a shipment WeChat refused until it is accepted, showing the error meanwhile', async () => {
    const shopper = await asShopper(t);
    const order = await paid(shopper, 'EXPRESS');
    const transactionId = await transactionOf(order.id);
    t.wechat.failNext('upload_shipping_info', { errcode: -1 });
    const calls = t.wechat.count('upload_shipping_info');
    await admin.post(`/api/v1/admin/orders/${order.id}/ship`, { carrier: 'OTHER', trackingNo: 'YT2000000001' }).expect(200);
    const waiting = await eventually(async () => {
      const d = await detail(order.id);
      expect(d.shippingUpload).toMatchObject({ status: 'PENDING', attempts: 1 });
      return d.shippingUpload;
    });
    expect(waiting.lastError).toMatch(/errcode -1/);
    const state = await uploaded(order.id);
    expect(state).toMatchObject({ attempts: 2, lastError: null });
    expect(uploadsOf(transactionId)).toHaveLength(1);
    expect(t.wechat.count('upload_shipping_info') - calls).toBe(2);
  });

  it('lets the sweep pick up an upload that is still pending, and sends it once', async () => {
    const shopper = await asShopper(t);
    const order = await paid(shopper, 'EXPRESS');
    const transactionId = await transactionOf(order.id);
    t.wechat.failNext('upload_shipping_info', 'network');
    await admin.post(`/api/v1/admin/orders/${order.id}/ship`, { carrier: 'OTHER', trackingNo: 'YT2000000002' }).expect(200);
    await eventually(async () => expect((await detail(order.id)).shippingUpload).toMatchObject({ status: 'PENDING', attempts: 1 }));
    // Minutes later the retry is lost or late: the sweep enqueues it again.
    expect(await t.app.get(ShippingUploadService).sweep(new Date(Date.now() + 5 * 60_000))).toBeGreaterThanOrEqual(1);
    await uploaded(order.id);
    await new Promise((r) => setTimeout(r, 2500));
    expect(uploadsOf(transactionId)).toHaveLength(1);
  });

  it('uploads a verified pickup as self-pickup and a served dine-in order as virtual', async () => {
    const shopper = await asShopper(t);
    for (const [deliveryType, logisticsType] of [['PICKUP', 4], ['DINE_IN', 3]] as const) {
      const order = await paid(shopper, deliveryType);
      const transactionId = await transactionOf(order.id);
      await admin.post(`/api/v1/admin/orders/${order.id}/ready`).expect(200);
      expect((await detail(order.id)).shippingUpload).toBeNull();
      await admin.post(`/api/v1/admin/orders/${order.id}/verify-pickup`, { pickupCode: order.pickupCode }).expect(200);
      expect((await uploaded(order.id)).logisticsType).toBe(logisticsType);
      const uploads = uploadsOf(transactionId);
      expect(uploads).toHaveLength(1);
      expect(uploads[0]).toMatchObject({ logistics_type: logisticsType, delivery_mode: 1, payer: { openid: shopper.openid } });
      expect((uploads[0].shipping_list as Array<Record<string, unknown>>)[0].tracking_no).toBeUndefined();
    }
  });

  it('uploads nothing for unpaid or cancelled orders', async () => {
    const shopper = await asShopper(t);
    const count = t.wechat.count('upload_shipping_info');
    const unpaid = await placed(shopper, 'EXPRESS');
    await admin.post(`/api/v1/admin/orders/${unpaid.id}/ship`, { carrier: 'OTHER', trackingNo: 'YT3000000001' }).expect(409);
    const counter = await placed(shopper, 'PICKUP');
    await admin.post(`/api/v1/admin/orders/${counter.id}/verify-pickup`, { pickupCode: counter.pickupCode }).expect(409);
    await shopper.post(`/api/v1/app/orders/${counter.id}/cancel`).expect(200);
    await admin.post(`/api/v1/admin/orders/${counter.id}/ready`).expect(409);
    await admin.post(`/api/v1/admin/orders/${counter.id}/verify-pickup`, { pickupCode: counter.pickupCode }).expect(409);
    await t.app.get(ShippingUploadService).sweep(new Date(Date.now() + 2 * 3_600_000));
    expect(await t.app.get(ShippingUploadService).upload(unpaid.id, true)).toBe('none');
    expect((await detail(unpaid.id)).shippingUpload).toBeNull();
    expect((await detail(counter.id)).shippingUpload).toBeNull();
    expect(t.wechat.count('upload_shipping_info')).toBe(count);
  });
});

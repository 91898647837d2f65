import { InventoryService } from '../../src/modules/inventory';
import { OrderEntity } from '../../src/modules/ordering';
import { createTestApp, TestApp } from '../support/app-factory';
import { ApiClient, asShopper, asSuperAdmin } from '../support/clients';
import { eventually } from '../support/eventually';
import { PrivateRedis } from '../support/private-redis';
import { seedAddress, seedProduct } from '../support/shop-builders';

/**
 * Redis goes away while shoppers place orders: the API keeps answering (health says Redis is down),
 * placing an order still works (its payment-timeout job cannot be queued, so the sweep is its
 * timer), no request hangs, and once Redis is back every timer fires. The app gets a Redis server
 * of its own, killed and restarted on the same port, so the shared one is never touched.
 */
describe('Redis stops while orders are placed', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let admin: ApiClient;
  let shopper: ApiClient;
  let addressId: number;
  let skuId: number;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await createTestApp({ env: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'fault', JOBS_SWEEP_INTERVAL_SECONDS: '1' } });
    admin = await asSuperAdmin(t);
    shopper = await asShopper(t);
    addressId = await seedAddress(shopper);
    skuId = (await seedProduct(admin, { stock: 10 })).skuIds[0];
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  const stockOf = async () => (await t.app.get(InventoryService).stockOf([skuId])).get(skuId)!.stock;
  const place = () => shopper.post('/api/v1/app/orders', { items: [{ skuId, quantity: 2 }], deliveryType: 'EXPRESS', addressId });
  const statusOf = async (id: number) => (await t.dataSource.manager.findOneByOrFail(OrderEntity, { id })).status;
  /** Moves an order's payment deadline into the past, as if its 30 minutes had gone by. */
  const expireNow = (id: number) => t.dataSource.manager.update(OrderEntity, { id }, { expiresAt: new Date(Date.now() - 60_000) });

  it('keeps answering while Redis is down, and fires every timer once it is back', async () => {
    expect((await t.http().get('/health').expect(200)).body.checks).toEqual({ database: 'up', redis: 'up' });
    const before = await place().expect(201);

    await redis.down();

    // Health says so, quickly.
    const started = Date.now();
    const health = await t.http().get('/health').expect(503);
    expect(health.body).toEqual({ status: 'error', checks: { database: 'up', redis: 'down' } });
    expect(Date.now() - started).toBeLessThan(3000);

    // Reads (the product cache and the rate limiter use Redis) still answer, without hanging.
    const readStarted = Date.now();
    await t.http().get(`/api/v1/app/products`).expect(200);
    const product = await shopper.get(`/api/v1/app/orders/${before.body.id}`).expect(200);
    expect(product.body.status).toBe('PENDING_PAYMENT');
    expect(Date.now() - readStarted).toBeLessThan(1000);

    // Placing works: stock is taken, the order is recorded with its deadline for the sweep.
    const placeStarted = Date.now();
    const during = await place();
    expect(during.status).toBe(201);
    expect(Date.now() - placeStarted).toBeLessThan(1000);
    expect(await stockOf()).toBe(6);

    // Both deadlines pass while Redis is still down: nothing can fire yet.
    await expireNow(before.body.id);
    await expireNow(during.body.id);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await statusOf(before.body.id)).toBe('PENDING_PAYMENT');
    expect(await statusOf(during.body.id)).toBe('PENDING_PAYMENT');

    await redis.up();

    // The app reconnects by itself; the sweep (a repeatable job every second here) fires both
    // timers: the one queued before the outage and the one that could never be queued.
    await eventually(async () => expect((await t.http().get('/health')).body.checks).toEqual({ database: 'up', redis: 'up' }), 15_000);
    await eventually(async () => {
      expect(await statusOf(before.body.id)).toBe('CANCELLED');
      expect(await statusOf(during.body.id)).toBe('CANCELLED');
    }, 15_000);
    expect(await stockOf()).toBe(10);
    await place().expect(201);
  }, 45_000);
});

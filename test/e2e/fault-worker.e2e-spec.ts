import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InventoryService } from '../../src/modules/inventory';
import { createTestApp, TestApp, testBackends } from '../support/app-factory';
import { ApiClient, asShopper, asSuperAdmin } from '../support/clients';
import { eventually } from '../support/eventually';
import { seedAddress, seedProduct, seedStore } from '../support/shop-builders';

const ROOT = join(__dirname, '..', '..');
const WORKER = join(ROOT, 'dist', 'src', 'worker.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than the sources (CI starts from a fresh clone). */
function ensureBuilt(): void {
  if (existsSync(WORKER) && statSync(WORKER).mtimeMs >= Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'migrations')))) return;
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
}

/**
 * A worker process is killed (SIGKILL) in the middle of a refund job, while WeChat Pay is slow to
 * answer: a new worker finds the stalled job and runs it again, and the refund happens once — one
 * refund at WeChat Pay, the after-sale refunded once, the stock back once. Bull jobs need Redis,
 * so this runs on MariaDB + Redis only.
 */
const { mysql, redis } = testBackends();
(mysql && redis ? describe : describe.skip)('a worker killed in the middle of a job (on MariaDB + Redis)', () => {
  let t: TestApp;
  let admin: ApiClient;
  const workers: ChildProcess[] = [];

  const startWorker = (): ChildProcess => {
    const worker = spawn(process.execPath, [WORKER], { cwd: ROOT, env: { ...process.env, ...t.env, NODE_ENV: 'test' }, stdio: 'ignore' });
    workers.push(worker);
    return worker;
  };
  const kill = (worker: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (worker.exitCode !== null || worker.signalCode !== null) return resolve();
      worker.once('exit', () => resolve());
      worker.kill('SIGKILL');
    });

  beforeAll(async () => {
    ensureBuilt();
    // The API only enqueues; jobs run in worker processes. Short locks: a dead worker's job is retried in seconds.
    t = await createTestApp({ wechatPay: true, env: { JOBS_PROCESS_IN_API: 'false', JOBS_LOCK_SECONDS: '1' } });
    admin = await asSuperAdmin(t);
  }, 180_000);
  afterAll(async () => {
    for (const worker of workers) await kill(worker);
    await t?.close();
  });

  it('retries the job in another worker and refunds exactly once', async () => {
    const first = startWorker();
    const storeId = await seedStore(admin);
    const shopper = await asShopper(t);
    const addressId = await seedAddress(shopper);
    const { skuIds } = await seedProduct(admin, { stock: 10, prices: [1500] });
    const stockOf = async () => (await t.app.get(InventoryService).stockOf([skuIds[0]])).get(skuIds[0])!.stock;
    const order = (await shopper.post('/api/v1/app/orders', { items: [{ skuId: skuIds[0], quantity: 3 }], deliveryType: 'EXPRESS', addressId, storeId }).expect(201)).body;
    await shopper.post(`/api/v1/app/orders/${order.id}/pay`).expect(200);
    await t.wechatPay!.pay(order.orderNo);
    await eventually(async () => expect((await shopper.get(`/api/v1/app/orders/${order.id}`).expect(200)).body.status).toBe('PAID'));
    expect(await stockOf()).toBe(7);

    // WeChat Pay is slow to answer the refund; the worker dies while it waits.
    t.wechatPay!.refundAnswerDelayMs = 4000;
    const afterSale = (await shopper.post(`/api/v1/app/orders/${order.id}/after-sales`, { type: 'REFUND_ONLY', reason: 'changed my mind' }).expect(201)).body;
    await admin.post(`/api/v1/admin/after-sales/${afterSale.id}/approve`).expect(200);
    await eventually(() => expect(t.wechatPay!.refundRequestsWaiting).toBe(1), 15_000);
    await kill(first);
    t.wechatPay!.refundAnswerDelayMs = 0;

    // Another worker finds the stalled job and runs it again: WeChat Pay is asked a second time with
    // the same out_refund_no and answers with the same refund.
    startWorker();
    const refundPosts = () => t.wechatPay!.requests.filter((r) => r.method === 'POST' && r.path === '/v3/refund/domestic/refunds');
    await eventually(() => expect(refundPosts().length).toBe(2), 20_000);
    expect(new Set(refundPosts().map((r) => (r.json as { out_refund_no: string }).out_refund_no)).size).toBe(1);
    const refunds = t.wechatPay!.refunds.filter((r) => r.outTradeNo === order.orderNo);
    expect(refunds).toHaveLength(1);

    await t.wechatPay!.completeRefund(refunds[0].outRefundNo, 'SUCCESS');
    await eventually(async () => expect((await shopper.get(`/api/v1/app/after-sales/${afterSale.id}`).expect(200)).body.status).toBe('REFUNDED'), 15_000);
    expect((await shopper.get(`/api/v1/app/after-sales/${afterSale.id}`).expect(200)).body.refundAmount).toBe(order.payAmount);
    await eventually(async () => expect(await stockOf()).toBe(10));
    // Nothing more happens: no second refund, the stock not restored twice.
    await new Promise((r) => setTimeout(r, 1500));
    expect(t.wechatPay!.refunds.filter((r) => r.outTradeNo === order.orderNo)).toHaveLength(1);
    expect(await stockOf()).toBe(10);
  }, 60_000);
});

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FlashSaleOutcome, runFlashSale } from '../../bench/flash-sale-core';
import { Cluster, startCluster } from '../../bench/flash-sale-cluster';
import { shopperToken } from '../../bench/harness';
import { createTestApp, TEST_JWT_SECRET, testBackends } from '../support/app-factory';
import { asSuperAdmin } from '../support/clients';

/**
 * The flash sale of `npm run flash-sale`, CI-sized. With TEST_DATABASE_URL and TEST_REDIS_URL it
 * is the real thing: 3 API processes and 1 worker (the compiled app, built here when dist/ is
 * missing or older than the sources) on one MariaDB database and Redis. Without them (SQLite,
 * in-process jobs) the same scenario runs scaled down against one in-process app: it still proves
 * no oversell, single payment under duplicate callbacks and the timer's release, but not across
 * processes — the test names say which one ran.
 */
const { mysql, redis } = testBackends();
const multiProcess = Boolean(mysql && redis);
const ROOT = join(__dirname, '..', '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Child processes run the compiled app: build it unless dist/ is newer than every source file. */
function ensureBuilt(): void {
  const main = join(ROOT, 'dist', 'src', 'main.js');
  const sources = Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'migrations')));
  if (existsSync(main) && statSync(main).mtimeMs >= sources) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
}

function expectSoundOutcome(r: FlashSaleOutcome, units: number, buyers: number): void {
  const half = Math.floor(units / 2);
  expect(r.otherFailures).toEqual([]);
  expect({ placed: r.placed, orders: r.orders, outOfStock: r.outOfStock, stockAfterSale: r.stockAfterSale }).toEqual({ placed: units, orders: units, outOfStock: buyers - units, stockAfterSale: 0 });
  expect(r.callbackStatuses).toEqual({ 204: 2 * half });
  expect({ paid: r.paid, paidTwice: r.paidTwice, cancelled: r.cancelled, stockAtEnd: r.stockAtEnd }).toEqual({ paid: half, paidTwice: 0, cancelled: units - half, stockAtEnd: units - half });
}

if (multiProcess) {
  describe('flash sale across 3 API processes and a worker (MariaDB + Redis)', () => {
    const units = 20;
    const buyers = 200;
    let cluster: Cluster;

    beforeAll(async () => {
      ensureBuilt();
      cluster = await startCluster({ mysqlServer: mysql!, redisServer: redis!, apiProcesses: 3, sweepIntervalSeconds: 1 });
    }, 240_000);
    afterAll(async () => {
      await cluster?.stop();
    });

    it('sells exactly the stock to concurrent buyers, pays each order once under doubled callbacks, and the timer releases the unpaid half', async () => {
      const outcome = await runFlashSale({ ...cluster, units, buyers, timeout: 'expire-now', cancelWithinMs: 30_000 });
      expectSoundOutcome(outcome, units, buyers);
    }, 90_000);
  });
} else {
  describe('flash sale in one process (SQLite, in-process jobs; the multi-process run needs TEST_DATABASE_URL and TEST_REDIS_URL)', () => {
    it('sells exactly the stock to concurrent buyers, pays each order once under doubled callbacks, and the timer releases the unpaid half', async () => {
      const t = await createTestApp({ wechatPay: true, env: { JOBS_SWEEP_INTERVAL_SECONDS: '1' } });
      try {
        const admin = await asSuperAdmin(t);
        const outcome = await runFlashSale({
          apis: [t.baseUrl],
          sql: (query, params) => t.dataSource.query(query, params),
          pay: t.wechatPay!,
          adminToken: admin.token,
          tokenFor: (id) => shopperToken(id, TEST_JWT_SECRET),
          units: 10,
          buyers: 100,
          timeout: 'expire-now',
          cancelWithinMs: 15_000,
        });
        expectSoundOutcome(outcome, 10, 100);
      } finally {
        await t.close();
      }
    }, 60_000);
  });
}

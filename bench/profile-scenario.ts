/**
 * Profiles the app under one read scenario: seeds the benchmark shop, starts the app with
 * --cpu-prof, drives GET <path> with autocannon and prints the self-time summary.
 *   node dist/bench/profile-scenario.js '/api/v1/app/products?categoryId=1&page=1&pageSize=20'
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import autocannon from 'autocannon';
import { createScratchMysqlDatabase } from '../scripts/scratch-mysql';
import { getFreePort } from '../test/support/ports';
import { ADMIN, checkServices, deleteRedisPrefix, JWT_SECRET, MYSQL_SERVER, REDIS_SERVER, ROOT, seedShop, startNode, waitHealthy } from './harness';

async function main(): Promise<void> {
  await checkServices();
  const path = process.argv[2] ?? '/api/v1/app/products?categoryId=1&page=1&pageSize=20';
  const scratch = await createScratchMysqlDatabase(MYSQL_SERVER, 'shop_prof');
  const prefix = `prof_${randomBytes(3).toString('hex')}`;
  const port = await getFreePort();
  const base = `http://127.0.0.1:${port}`;
  const dir = join(ROOT, 'bench', 'results', `profile-${Date.now()}`);
  const env = { NODE_ENV: 'production', PORT: String(port), DATABASE_URL: scratch.url, REDIS_URL: REDIS_SERVER, REDIS_KEY_PREFIX: prefix, JWT_SECRET, LOG_LEVEL: 'warn', LOG_PRETTY: 'false', RATE_LIMIT_PER_MINUTE: '10000000', INIT_ADMIN_USERNAME: ADMIN.username, INIT_ADMIN_PASSWORD: ADMIN.password, PASSWORD_HASH_COST: '10' };
  try {
    let app = startNode('app', 'dist/src/main.js', env);
    await waitHealthy(app, `${base}/health`, Date.now());
    await seedShop(base, scratch.url, { categories: 10, stores: 1, products: 1000, skusPerProduct: 3, shoppers: 10, stock: 1000 });
    await app.stop();
    const profile = process.env.BENCH_NO_PROF !== '1';
    app = startNode('app', 'dist/src/main.js', env, profile ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []);
    await waitHealthy(app, `${base}/health`, Date.now());
    // Further paths (argv[3..]) are measured too, without their own profile, for comparison.
    for (const p of [path, ...process.argv.slice(3)]) {
      await autocannon({ url: base + p, connections: 10, duration: 3 });
      const r = await autocannon({ url: base + p, connections: 10, duration: 10 });
      process.stdout.write(`${p}: ${Math.round(r.requests.total / r.duration)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms\n`);
    }
    await app.stop();
    if (!profile) return;
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
    process.stdout.write(execFileSync(process.execPath, [join(__dirname, 'profile-summary.js'), join(dir, file)]).toString());
  } finally {
    await scratch.drop();
    await deleteRedisPrefix(prefix);
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

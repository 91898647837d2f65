/**
 * npm run bench: seeds a realistic shop on a scratch MariaDB database + Redis prefix, starts the
 * compiled app in production mode as a child process, drives it with autocannon from this
 * process, then does the same against the raw baseline (bench/baseline-server.ts: node:http +
 * mysql2 doing the same SQL), prints one table and writes docs/benchmarks.md.
 *
 *   BENCH_DURATION_SECONDS (10), BENCH_CONNECTIONS (10), BENCH_CALLBACKS (500 per target),
 *   BENCH_MYSQL_URL, BENCH_REDIS_URL, BENCH_CPU_PROF=1 (writes bench/results/*.cpuprofile of the app)
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { createScratchMysqlDatabase } from '../scripts/scratch-mysql';
import { getFreePort } from '../test/support/ports';
import { WechatPaySimulator } from '../test/support/wechatpay-simulator';
import { ADMIN, checkServices, Child, deleteRedisPrefix, expectOk, JWT_SECRET, json, MYSQL_SERVER, pool, REDIS_SERVER, ROOT, rssMiB, seedShop, shopperToken, startNode, waitHealthy } from './harness';
import { CONNECTIONS, DURATION_SECONDS, runScenarios, ScenarioData, ScenarioResult } from './scenarios';

const CALLBACKS = Number(process.env.BENCH_CALLBACKS ?? 500);
const SIZES = { categories: 10, stores: 5, products: 1000, skusPerProduct: 3, shoppers: 2000, stock: 1_000_000 };

const log = (line: string) => process.stdout.write(line + '\n');

async function main(): Promise<void> {
  await checkServices();
  const scratch = await createScratchMysqlDatabase(MYSQL_SERVER, 'shop_bench');
  const prefix = `bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const pay = await new WechatPaySimulator().start();
  const children: Child[] = [];
  try {
    const port = await getFreePort();
    const base = `http://127.0.0.1:${port}`;
    const appEnv: Record<string, string> = {
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: scratch.url,
      REDIS_URL: REDIS_SERVER,
      REDIS_KEY_PREFIX: prefix,
      JWT_SECRET,
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      RATE_LIMIT_PER_MINUTE: '10000000',
      INIT_ADMIN_USERNAME: ADMIN.username,
      INIT_ADMIN_PASSWORD: ADMIN.password,
      PASSWORD_HASH_COST: '10',
      MEDIA_DIR: join(ROOT, 'bench', 'results', 'media'),
      ...pay.appEnv({ notifyBaseUrl: base }),
    };
    const profile = process.env.BENCH_CPU_PROF === '1';
    const profDir = join(ROOT, 'bench', 'results');
    mkdirSync(profDir, { recursive: true });

    // A first start migrates the empty database; the measured start is the second, as in production.
    log(`Scratch database ${scratch.name}, Redis prefix ${prefix}`);
    let app = startNode('app', 'dist/src/main.js', appEnv);
    children.push(app);
    const firstStart = await waitHealthy(app, `${base}/health`, Date.now());
    log(`First start (migrations on an empty database): healthy after ${firstStart} ms`);
    const t = Date.now();
    log('Seeding ...');
    const shop = await seedShop(base, scratch.url, SIZES);
    log(`Seeded ${shop.products.length} products, ${shop.skuIds.length} SKUs, ${shop.categoryIds.length} categories, ${shop.storeIds.length} stores, ${shop.shopperIds.length} shoppers in ${Date.now() - t} ms`);

    // Prepaid orders for the callback scenarios, half for each target, placed and prepaid through the app.
    const t2 = Date.now();
    const payers = shop.shopperIds.slice(0, Math.min(2 * CALLBACKS, shop.shopperIds.length));
    const prepaid: number[] = [];

    const jobs = Array.from({ length: 2 * CALLBACKS }, (_, i) => payers[i % payers.length]);

    await pool(jobs, 16, async (shopperId, i) => {
      const token = shopperToken(shopperId);
      const order = await expectOk<{ id: number }>(
        'order for callbacks',
        json(base, 'POST', '/api/v1/app/orders', { items: [{ skuId: shop.skuIds[i % shop.skuIds.length], quantity: 1 }], deliveryType: 'EXPRESS', addressId: shop.addressOf.get(shopperId) }, token),
        201,
      );
      await expectOk('prepay', json(base, 'POST', `/api/v1/app/orders/${order.id}/pay`, {}, token), 200);
      prepaid.push(order.id);
    });
    const conn = await createConnection({ uri: scratch.url });
    const [rows] = (await conn.query('SELECT out_trade_no FROM payment WHERE order_id IN (?) ORDER BY order_id', [prepaid])) as unknown as [Array<{ out_trade_no: string }>];
    const tradeNos = rows.map((r) => r.out_trade_no);
    log(`Placed and prepaid ${tradeNos.length} orders for the callback scenarios in ${Date.now() - t2} ms`);

    // The measured start: production mode on the seeded database.
    await app.stop();
    children.pop();
    const t0 = Date.now();
    app = startNode('app', 'dist/src/main.js', appEnv, profile ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []);
    children.push(app);
    const startupMs = await waitHealthy(app, `${base}/health`, t0);
    const rssStart = rssMiB(app.proc.pid!);
    log(`App start to healthy: ${startupMs} ms, RSS ${rssStart} MiB`);

    const half = Math.floor(shop.shopperIds.length / 2);
    const dataFor = (shoppers: number[], trades: string[]): ScenarioData => ({
      categoryId: shop.categoryIds[0],
      productIds: shop.products.map((p) => p.id),
      skuIds: shop.skuIds,
      shoppers: shoppers.map((id) => ({ id, addressId: shop.addressOf.get(id)! })),
      callbacks: trades.map((no) => pay.buildTransactionCallback(no)),
    });

    await conn.end();
    const bport = await getFreePort();
    const bbase = `http://127.0.0.1:${bport}`;
    const baseline = startNode('baseline', 'dist/bench/baseline-server.js', { ...appEnv, PORT: String(bport) });
    children.push(baseline);
    const baselineStartup = await waitHealthy(baseline, `${bbase}/health`, Date.now());
    const baselineRss = rssMiB(baseline.proc.pid!);
    log(`Baseline (node:http + mysql2) start to healthy: ${baselineStartup} ms, RSS ${baselineRss} MiB`);

    log(`\nApp (NestJS + TypeORM) and baseline, ${CONNECTIONS} connections, ${DURATION_SECONDS} s per scenario, back to back:`);
    const [appResults, baseResults] = await runScenarios(
      [
        { label: 'app', base, data: dataFor(shop.shopperIds.slice(0, half), tradeNos.slice(0, CALLBACKS)) },
        { label: 'baseline', base: bbase, data: dataFor(shop.shopperIds.slice(half), tradeNos.slice(CALLBACKS)) },
      ],
      log,
    );
    const rssAfter = rssMiB(app.proc.pid!);
    const baselineRssAfter = rssMiB(baseline.proc.pid!);
    log(`RSS after the run: app ${rssAfter} MiB, baseline ${baselineRssAfter} MiB`);

    const report = render(appResults, baseResults, { startupMs, rssStart, rssAfter, baselineStartup, baselineRss, baselineRssAfter, firstStart });
    log('\n' + report.table);
    writeFileSync(join(ROOT, 'bench', 'results', 'latest.md'), report.markdown);
    recordInDocs(report.markdown);
    log(`\nWrote the table to docs/benchmarks.md (latest run) and bench/results/latest.md.`);
    if (report.failed.length > 0) log(`Targets missed: ${report.failed.join('; ')}`);
    else log('All targets met.');
  } finally {
    for (const c of children.reverse()) await c.stop();
    await pay.stop();
    await scratch.drop();
    await deleteRedisPrefix(prefix);
  }
}

const DOC = join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- latest-run:start (written by npm run bench) -->';
const END = '<!-- latest-run:end -->';

/** Replaces the "latest run" section of docs/benchmarks.md; the analysis around it is kept. */
function recordInDocs(markdown: string): void {
  const doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : `# Benchmarks\n\n## Latest run\n\n${START}\n${END}\n`;
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  const next = a >= 0 && b > a ? `${doc.slice(0, a + START.length)}\n${markdown}\n${doc.slice(b)}` : `${doc}\n## Latest run\n\n${START}\n${markdown}\n${END}\n`;
  mkdirSync(dirname(DOC), { recursive: true });
  writeFileSync(DOC, next);
}

interface Extras {
  startupMs: number;
  rssStart: number;
  rssAfter: number;
  baselineStartup: number;
  baselineRss: number;
  baselineRssAfter: number;
  firstStart: number;
}

const TARGETS: Record<string, number> = {
  'product list p1 (category)': 0.6,
  'product list p50 (deep)': 0.6,
  'product detail': 0.6,
  'order placement': 0.5,
};
const READS = ['product list p1 (category)', 'product list p50 (deep)', 'product detail'];

function render(app: ScenarioResult[], base: ScenarioResult[], x: Extras): { table: string; markdown: string; failed: string[] } {
  const failed: string[] = [];
  const rows = app.map((a, i) => {
    const b = base[i];
    const ratio = b.rps > 0 ? a.rps / b.rps : 0;
    const target = TARGETS[a.name];
    const notes: string[] = [];
    if (target !== undefined) {
      const met = ratio >= target;
      notes.push(`≥ ${Math.round(target * 100)} %: ${met ? 'met' : 'MISSED'}`);
      if (!met) failed.push(`${a.name} ratio ${(ratio * 100).toFixed(0)} % < ${target * 100} %`);
    }
    if (READS.includes(a.name)) {
      const met = a.p99 < 50;
      notes.push(`p99 < 50 ms: ${met ? 'met' : 'MISSED'}`);
      if (!met) failed.push(`${a.name} p99 ${a.p99} ms`);
    }
    if (a.errors > 0) failed.push(`${a.name}: ${a.errors} errors`);
    return [a.name, String(a.rps), String(a.p50), String(a.p99), String(a.errors), String(b.rps), String(b.p50), String(b.p99), String(b.errors), `${(ratio * 100).toFixed(0)} %`, notes.join(', ')];
  });
  const head = ['scenario', 'app req/s', 'app p50 ms', 'app p99 ms', 'app errors', 'baseline req/s', 'base p50 ms', 'base p99 ms', 'base errors', 'app / baseline', 'targets'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  const table = [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
  const md = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const cpu = cpus();
  const load = loadavg().map((l) => l.toFixed(1)).join(' / ');
  const markdown = [
    `Run of ${new Date().toISOString()} on ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, load average at the end ${load} (1 / 5 / 15 min); ${CONNECTIONS} connections, ${DURATION_SECONDS} s per scenario (callbacks: ${CALLBACKS} distinct orders each).`,
    '',
    md(head),
    md(head.map(() => '---')),
    ...rows.map(md),
    '',
    `| process | start to healthy | RSS after start | RSS after the run |`,
    `| --- | --- | --- | --- |`,
    `| app | ${x.startupMs} ms (first start with migrations: ${x.firstStart} ms) | ${x.rssStart} MiB | ${x.rssAfter} MiB |`,
    `| baseline | ${x.baselineStartup} ms | ${x.baselineRss} MiB | ${x.baselineRssAfter} MiB |`,
    '',
  ].join('\n');
  return { table, markdown, failed };
}

main().catch((error) => {
  process.stderr.write(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

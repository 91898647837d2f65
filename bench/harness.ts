/**
 * Shared pieces of the benchmark and the flash-sale script: service checks, child processes of
 * the compiled app, health waits, RSS, shopper tokens and fast seeding with multi-row INSERTs.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { createConnection, Connection } from 'mysql2/promise';
// The app's own spec key, so raw-inserted SKUs are indistinguishable from ones made through the API.
import { specKeyOf } from '../src/modules/catalog/domain/product-specs';

/** The project root, from the sources (bench/) or the compiled output (dist/bench/). */
export const ROOT = existsSync(join(__dirname, '..', 'package.json')) ? join(__dirname, '..') : join(__dirname, '..', '..');
export const MYSQL_SERVER = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
export const REDIS_SERVER = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const JWT_SECRET = `bench-${randomBytes(24).toString('hex')}`;
export const ADMIN = { username: 'admin', password: 'Bench-Admin-Passw0rd' };

/** Fails with one clear line when MariaDB or Redis is not reachable. */
export async function checkServices(): Promise<void> {
  try {
    const c = await createConnection({ uri: MYSQL_SERVER, connectTimeout: 3000 });
    await c.end();
  } catch (error) {
    throw new Error(`MariaDB/MySQL is not reachable at ${MYSQL_SERVER} (${(error as Error).message}); start it or set BENCH_MYSQL_URL`);
  }
  const redis = new Redis(REDIS_SERVER, { maxRetriesPerRequest: 1, lazyConnect: true, connectTimeout: 3000 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis is not reachable at ${REDIS_SERVER} (${(error as Error).message}); start it or set BENCH_REDIS_URL`);
  } finally {
    redis.disconnect();
  }
}

export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_SERVER, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export interface Child {
  proc: ChildProcess;
  name: string;
  /** The last lines of output, for error messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `node <script>` from the project root with the given environment (added to this one). */
export function startNode(name: string, script: string, env: Record<string, string>, nodeArgs: string[] = []): Child {
  const proc = spawn(process.execPath, [...nodeArgs, join(ROOT, script)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 60) lines.splice(0, lines.length - 60);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  return {
    proc,
    name,
    output: () => lines.join('\n'),
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
}

/** Polls `url` until it answers 200; returns the milliseconds since `since`. */
export async function waitHealthy(child: Child, url: string, since: number, timeoutMs = 60_000): Promise<number> {
  for (;;) {
    if (child.proc.exitCode !== null) throw new Error(`${child.name} exited (${child.proc.exitCode}):\n${child.output()}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return Date.now() - since;
    } catch {
      // not listening yet
    }
    if (Date.now() - since > timeoutMs) throw new Error(`${child.name} did not become healthy in ${timeoutMs} ms:\n${child.output()}`);
    await sleep(25);
  }
}

/** Resident set size of a process in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An access token exactly as the app's TokenService issues it (HS256, aud shopper, iss wxshop, typ access). */
export function shopperToken(shopperId: number, secret = JWT_SECRET, ttlSeconds = 7200): string {
  const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64({ typ: 'access', iat: now, exp: now + ttlSeconds, aud: 'shopper', iss: 'wxshop', sub: String(shopperId) });
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

export async function json<T = Record<string, unknown>>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

export async function expectOk<T = Record<string, unknown>>(what: string, p: Promise<{ status: number; body: T }>, ...ok: number[]): Promise<T> {
  const res = await p;
  if (!ok.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function adminToken(base: string): Promise<string> {
  const body = await expectOk<{ accessToken: string }>('admin login', json(base, 'POST', '/api/v1/admin/auth/login', ADMIN), 200);
  return body.accessToken;
}

/** Runs `work` over `items` with at most `concurrency` in flight. */
export async function pool<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i], i);
      }
    }),
  );
  return results;
}

export async function insertRows(conn: Connection, table: string, columns: string[], rows: unknown[][], chunk = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await conn.query(`INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`, [part]);
  }
}

export interface SeededShop {
  categoryIds: number[];
  storeIds: number[];
  products: Array<{ id: number; categoryId: number; skuIds: number[] }>;
  skuIds: number[];
  shopperIds: number[];
  /** shopper id → address id */
  addressOf: Map<number, number>;
}

/**
 * Categories and stores through the staff API; products, SKUs, stock (with INITIAL ledger rows),
 * shoppers and their addresses with multi-row INSERTs into the migrated schema.
 */
export async function seedShop(
  base: string,
  databaseUrl: string,
  sizes: { categories: number; stores: number; products: number; skusPerProduct: number; shoppers: number; stock: number },
): Promise<SeededShop> {
  const admin = await adminToken(base);
  const categoryIds: number[] = [];
  for (let i = 0; i < sizes.categories; i += 1) {
    const c = await expectOk<{ id: number }>('category', json(base, 'POST', '/api/v1/admin/categories', { name: `Category ${i + 1}` }, admin), 201);
    categoryIds.push(c.id);
  }
  const storeIds: number[] = [];
  for (let i = 0; i < sizes.stores; i += 1) {
    const s = await expectOk<{ id: number }>(
      'store',
      json(
        base,
        'POST',
        '/api/v1/admin/stores',
        {
          name: `Store ${i + 1}`,
          address: '上海市黄浦区人民大道 100 号',
          latitude: 31.2304 + i * 0.01,
          longitude: 121.4737,
          phone: '021-12345678',
          businessHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '23:59' })),
          deliveryRadiusMeters: 5000,
          serviceModes: ['EXPRESS', 'LOCAL_DELIVERY', 'PICKUP', 'DINE_IN'],
          status: 'OPEN',
        },
        admin,
      ),
      201,
    );
    storeIds.push(s.id);
  }

  const conn = await createConnection({ uri: databaseUrl, multipleStatements: false });
  try {
    const [[maxRow]] = (await conn.query('SELECT COALESCE(MAX(id), 0) AS m FROM product')) as unknown as [[{ m: number }]];
    const firstProduct = Number(maxRow.m) + 1;
    const sizesValues = ['S', 'M', 'L', 'XL', 'XXL'].slice(0, sizes.skusPerProduct);
    const specs = JSON.stringify([{ name: '尺码', values: sizesValues }]);
    const productRows: unknown[][] = [];
    const products: SeededShop['products'] = [];
    for (let i = 0; i < sizes.products; i += 1) {
      const id = firstProduct + i;
      const categoryId = categoryIds[i % categoryIds.length];
      const price = 1000 + (i % 97) * 100;
      const images = JSON.stringify([`https://img.example.com/p/${id}/1.jpg`, `https://img.example.com/p/${id}/2.jpg`]);
      productRows.push([id, categoryId, `商品 ${id} Product ${id}`, `<p>Description of product ${id}. `.repeat(8) + '</p>', images, '[]', `https://img.example.com/p/${id}/1.jpg`, specs, 'ON_SALE', price, price + (sizes.skusPerProduct - 1) * 200, i % 500]);
      products.push({ id, categoryId, skuIds: [] });
    }
    await insertRows(conn, 'product', ['id', 'category_id', 'name', 'description', 'images', 'videos', 'main_image', 'specs', 'status', 'min_price', 'max_price', 'sales'], productRows);

    const [[maxSku]] = (await conn.query('SELECT COALESCE(MAX(id), 0) AS m FROM sku')) as unknown as [[{ m: number }]];
    let skuId = Number(maxSku.m);
    const skuRows: unknown[][] = [];
    const stockRows: unknown[][] = [];
    const ledgerRows: unknown[][] = [];
    const skuIds: number[] = [];
    for (const [i, p] of products.entries()) {
      const price = 1000 + (i % 97) * 100;
      for (const [pos, size] of sizesValues.entries()) {
        skuId += 1;
        const values = { 尺码: size };
        skuRows.push([skuId, p.id, specKeyOf(values), JSON.stringify(values), price + pos * 200, price + pos * 200 + 500, `SKU-${p.id}-${size}`, null, 300, pos]);
        stockRows.push([skuId, p.id, sizes.stock, 10]);
        ledgerRows.push([skuId, p.id, sizes.stock, sizes.stock, 'INITIAL']);
        p.skuIds.push(skuId);
        skuIds.push(skuId);
      }
    }
    await insertRows(conn, 'sku', ['id', 'product_id', 'spec_key', 'spec_values', 'price', 'market_price', 'sku_code', 'image', 'weight', 'position'], skuRows);
    await insertRows(conn, 'sku_stock', ['sku_id', 'product_id', 'stock', 'low_stock_threshold'], stockRows);
    await insertRows(conn, 'stock_ledger', ['sku_id', 'product_id', 'delta', 'stock_after', 'reason'], ledgerRows);

    const [[maxShopper]] = (await conn.query('SELECT COALESCE(MAX(id), 0) AS m FROM shopper')) as unknown as [[{ m: number }]];
    const firstShopper = Number(maxShopper.m) + 1;
    const tag = randomBytes(3).toString('hex');
    const shopperRows: unknown[][] = [];
    const addressRows: unknown[][] = [];
    const shopperIds: number[] = [];
    for (let i = 0; i < sizes.shoppers; i += 1) {
      const id = firstShopper + i;
      shopperRows.push([id, `bench-openid-${tag}-${id}`, `B${tag}${id}`.slice(0, 16), `Shopper ${id}`, 'ACTIVE']);
      addressRows.push([id, '张三', '13800138000', '上海市', '上海市', '黄浦区', `南京东路 ${id} 号`, 1, 31.2397, 121.4998]);
      shopperIds.push(id);
    }
    await insertRows(conn, 'shopper', ['id', 'openid', 'invite_code', 'nickname', 'status'], shopperRows);
    await insertRows(conn, 'shopper_address', ['shopper_id', 'receiver_name', 'phone', 'province', 'city', 'district', 'detail', 'is_default', 'latitude', 'longitude'], addressRows);
    const [addresses] = (await conn.query('SELECT id, shopper_id FROM shopper_address WHERE shopper_id >= ?', [firstShopper])) as unknown as [Array<{ id: number; shopper_id: number }>];
    const addressOf = new Map(addresses.map((a) => [Number(a.shopper_id), Number(a.id)]));
    return { categoryIds, storeIds, products, skuIds, shopperIds, addressOf };
  } finally {
    await conn.end();
  }
}

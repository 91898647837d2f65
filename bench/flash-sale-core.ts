/**
 * The flash sale, shared by `npm run flash-sale` (3 API processes + 1 worker on MariaDB + Redis,
 * 100 units, 1,000 buyers) and test/e2e/flash-sale.e2e-spec.ts (CI-sized). Everything goes
 * through the public HTTP API except the shoppers (inserted as rows, tokens minted with the app's
 * secret) and the reads that check the outcome.
 *
 * 1. One SKU with `units` in stock; `buyers` shoppers each try to buy one unit, all at once,
 *    spread over the API processes: exactly `units` orders are placed, the rest get 409 OUT_OF_STOCK.
 * 2. Every winner starts paying (prepay at the WeChat Pay simulator); a random half pays, and each
 *    payment callback is delivered twice, to two different API processes at the same time.
 * 3. The unpaid half is cancelled by the timers (the worker), releasing their stock.
 */
import type { WechatPaySimulator } from '../test/support/wechatpay-simulator';

export type Sql = <T = Record<string, unknown>>(query: string, params?: unknown[]) => Promise<T[]>;

export interface FlashSaleOptions {
  /** The API processes' base URLs (buyers and callbacks are spread over them). */
  apis: string[];
  sql: Sql;
  pay: WechatPaySimulator;
  adminToken: string;
  tokenFor: (shopperId: number) => string;
  units: number;
  buyers: number;
  /**
   * How the unpaid orders reach their pay deadline: 'wait' leaves them to the pay timeout set in
   * the order settings (1 minute); 'expire-now' moves their deadline into the past, for the
   * periodic sweep to find (the CI-sized run).
   */
  timeout: 'wait' | 'expire-now';
  /** How long to wait for the timers to cancel the unpaid orders. */
  cancelWithinMs: number;
  log?: (line: string) => void;
}

export interface FlashSaleOutcome {
  placed: number;
  outOfStock: number;
  otherFailures: string[];
  placementP50: number;
  placementP99: number;
  placementMax: number;
  orders: number;
  paid: number;
  cancelled: number;
  stockAfterSale: number;
  stockAtEnd: number;
  /** Orders with more than one PAID payment or more than one PAID transition in the order log. */
  paidTwice: number;
  callbackStatuses: Record<string, number>;
  cancelSeconds: number;
}

async function call(base: string, method: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** UTC 'YYYY-MM-DD HH:MM:SS.mmm', how both dialects store the app's timestamps. */
function sqlTime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

export async function seedBuyers(sql: Sql, count: number): Promise<Array<{ id: number; addressId: number }>> {
  const tag = Math.random().toString(36).slice(2, 8);
  for (let i = 0; i < count; i += 100) {
    const n = Math.min(100, count - i);
    const rows = Array.from({ length: n }, (_, j) => [`flash-${tag}-${i + j}`, `F${tag}${i + j}`.slice(0, 16), 'ACTIVE']);
    await sql(`INSERT INTO shopper (openid, invite_code, status) VALUES ${rows.map(() => '(?, ?, ?)').join(', ')}`, rows.flat());
  }
  const shoppers = await sql<{ id: number }>('SELECT id FROM shopper WHERE openid LIKE ? ORDER BY id', [`flash-${tag}-%`]);
  for (let i = 0; i < shoppers.length; i += 100) {
    const part = shoppers.slice(i, i + 100);
    await sql(
      `INSERT INTO shopper_address (shopper_id, receiver_name, phone, province, city, district, detail, is_default) VALUES ${part.map(() => "(?, '张三', '13800138000', '上海市', '上海市', '黄浦区', '南京东路 1 号', 1)").join(', ')}`,
      part.map((s) => Number(s.id)),
    );
  }
  const addresses = await sql<{ id: number; shopper_id: number }>(`SELECT id, shopper_id FROM shopper_address WHERE shopper_id >= ? AND shopper_id <= ?`, [Number(shoppers[0].id), Number(shoppers.at(-1)!.id)]);
  const byShopper = new Map(addresses.map((a) => [Number(a.shopper_id), Number(a.id)]));
  return shoppers.map((s) => ({ id: Number(s.id), addressId: byShopper.get(Number(s.id))! }));
}

export async function runFlashSale(o: FlashSaleOptions): Promise<FlashSaleOutcome> {
  const log = o.log ?? (() => undefined);
  const admin = o.apis[0];
  const settings = await call(admin, 'PUT', '/api/v1/admin/settings/order', { payTimeoutMinutes: 1 }, o.adminToken);
  if (settings.status !== 200) throw new Error(`order settings: ${settings.status} ${JSON.stringify(settings.body)}`);
  const category = await call(admin, 'POST', '/api/v1/admin/categories', { name: 'Flash sale' }, o.adminToken);
  const product = await call(
    admin,
    'POST',
    '/api/v1/admin/products',
    {
      name: 'Flash sale item',
      categoryId: category.body.id,
      images: ['https://img.example.com/flash.jpg'],
      status: 'ON_SALE',
      specs: [{ name: '规格', values: ['标准'] }],
      skus: [{ specValues: { 规格: '标准' }, price: 990, stock: o.units }],
    },
    o.adminToken,
  );
  if (product.status !== 201) throw new Error(`product: ${product.status} ${JSON.stringify(product.body)}`);
  const skuId = (product.body.skus as Array<{ id: number }>)[0].id;
  const buyers = await seedBuyers(o.sql, o.buyers);
  log(`Seeded SKU ${skuId} with ${o.units} units and ${buyers.length} buyers; placing ${buyers.length} orders at once over ${o.apis.length} API process(es)`);

  // 1. Everyone at once.
  const latencies: number[] = [];
  const otherFailures: string[] = [];
  const winners: Array<{ shopperId: number; orderId: number; api: string }> = [];
  let outOfStock = 0;
  await Promise.all(
    buyers.map(async (buyer, i) => {
      const api = o.apis[i % o.apis.length];
      const started = performance.now();
      const res = await call(api, 'POST', '/api/v1/app/orders', { items: [{ skuId, quantity: 1 }], deliveryType: 'EXPRESS', addressId: buyer.addressId }, o.tokenFor(buyer.id));
      latencies.push(performance.now() - started);
      if (res.status === 201) winners.push({ shopperId: buyer.id, orderId: Number(res.body.id), api });
      else if (res.status === 409 && res.body.code === 'OUT_OF_STOCK') outOfStock += 1;
      else otherFailures.push(`${res.status} ${JSON.stringify(res.body)}`);
    }),
  );
  latencies.sort((a, b) => a - b);
  const [stockRow] = await o.sql<{ stock: number }>('SELECT stock FROM sku_stock WHERE sku_id = ?', [skuId]);
  const stockAfterSale = Number(stockRow.stock);
  log(`Placed ${winners.length}, refused ${outOfStock} OUT_OF_STOCK, ${otherFailures.length} other failures; placement p50 ${latencies.length ? percentile(latencies, 50).toFixed(0) : '-'} ms, p99 ${latencies.length ? percentile(latencies, 99).toFixed(0) : '-'} ms; stock now ${stockAfterSale}`);

  // 2. Every winner starts paying; a random half completes, each callback delivered twice at once.
  for (const w of winners) {
    const res = await call(w.api, 'POST', `/api/v1/app/orders/${w.orderId}/pay`, {}, o.tokenFor(w.shopperId));
    if (res.status !== 200) throw new Error(`prepay of order ${w.orderId}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const shuffled = [...winners].sort(() => Math.random() - 0.5);
  const payers = shuffled.slice(0, Math.floor(winners.length / 2));
  const unpaid = shuffled.slice(payers.length);
  const noByOrder = new Map(
    (await o.sql<{ order_id: number; out_trade_no: string }>(`SELECT order_id, out_trade_no FROM payment WHERE order_id IN (${winners.map(() => '?').join(', ') || 'NULL'})`, winners.map((w) => w.orderId))).map((r) => [
      Number(r.order_id),
      r.out_trade_no,
    ]),
  );
  const callbackStatuses: Record<string, number> = {};
  await Promise.all(
    payers.map(async (w, i) => {
      const callback = o.pay.buildTransactionCallback(noByOrder.get(w.orderId)!);
      const path = new URL(callback.url).pathname;
      const targets = [o.apis[i % o.apis.length], o.apis[(i + 1) % o.apis.length]];
      await Promise.all(
        targets.map(async (api) => {
          const res = await fetch(api + path, { method: 'POST', headers: callback.headers, body: callback.body });
          await res.arrayBuffer();
          callbackStatuses[res.status] = (callbackStatuses[res.status] ?? 0) + 1;
        }),
      );
    }),
  );
  log(`Paid ${payers.length} orders by callback (each sent twice: ${JSON.stringify(callbackStatuses)}); ${unpaid.length} left unpaid`);

  // 3. The timers cancel the unpaid half and give their stock back.
  const cancelStart = Date.now();
  if (o.timeout === 'expire-now' && unpaid.length > 0) {
    await o.sql(`UPDATE shop_order SET expires_at = ? WHERE id IN (${unpaid.map(() => '?').join(', ')}) AND status = 'PENDING_PAYMENT'`, [sqlTime(new Date(Date.now() - 1000)), ...unpaid.map((w) => w.orderId)]);
  }
  log(`Waiting for the timers to cancel ${unpaid.length} unpaid orders ...`);
  const orderIds = winners.map((w) => w.orderId);
  const inList = orderIds.map(() => '?').join(', ') || 'NULL';
  let counts: Array<{ status: string; n: number }> = [];
  for (;;) {
    counts = await o.sql<{ status: string; n: number }>(`SELECT status, COUNT(*) AS n FROM shop_order WHERE id IN (${inList}) GROUP BY status`, orderIds);
    const pending = counts.find((c) => c.status === 'PENDING_PAYMENT');
    if (!pending || Number(pending.n) === 0 || Date.now() - cancelStart > o.cancelWithinMs) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const cancelSeconds = (Date.now() - cancelStart) / 1000;
  const count = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
  const [end] = await o.sql<{ stock: number }>('SELECT stock FROM sku_stock WHERE sku_id = ?', [skuId]);
  const [allOrders] = await o.sql<{ n: number }>('SELECT COUNT(*) AS n FROM shop_order o JOIN order_item i ON i.order_id = o.id WHERE i.sku_id = ?', [skuId]);
  const twicePayments = await o.sql(`SELECT order_id FROM payment WHERE status = 'PAID' GROUP BY order_id HAVING COUNT(*) > 1`);
  const twiceLogs = await o.sql(`SELECT order_id FROM order_log WHERE to_status = 'PAID' GROUP BY order_id HAVING COUNT(*) > 1`);
  const outcome: FlashSaleOutcome = {
    placed: winners.length,
    outOfStock,
    otherFailures,
    placementP50: Math.round(percentile(latencies, 50)),
    placementP99: Math.round(percentile(latencies, 99)),
    placementMax: Math.round(latencies.at(-1) ?? 0),
    orders: Number(allOrders.n),
    paid: count('PAID'),
    cancelled: count('CANCELLED'),
    stockAfterSale,
    stockAtEnd: Number(end.stock),
    paidTwice: new Set([...twicePayments, ...twiceLogs].map((r) => Number(r.order_id))).size,
    callbackStatuses,
    cancelSeconds,
  };
  log(`After ${cancelSeconds.toFixed(1)} s: ${outcome.paid} paid, ${outcome.cancelled} cancelled, stock ${outcome.stockAtEnd}, orders paid twice: ${outcome.paidTwice}`);
  return outcome;
}

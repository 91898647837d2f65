import autocannon from 'autocannon';
import type { PreparedCallback } from '../test/support/wechatpay-simulator-callbacks';
import { shopperToken } from './harness';

export interface ScenarioResult {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

export interface ScenarioData {
  categoryId: number;
  productIds: number[];
  skuIds: number[];
  /** Shoppers this target may use for carts and orders, with their address. */
  shoppers: Array<{ id: number; addressId: number }>;
  /** Signed payment callbacks, one per distinct prepaid order. */
  callbacks: PreparedCallback[];
}

export const DURATION_SECONDS = Number(process.env.BENCH_DURATION_SECONDS ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

function summarize(name: string, r: autocannon.Result, expected2xx: (code: number) => boolean): ScenarioResult {
  let bad = r.errors + r.timeouts;
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) if (!expected2xx(Number(code))) bad += stat.count;
  return { name, rps: Math.round(r.requests.total / r.duration), p50: r.latency.p50, p99: r.latency.p99, errors: bad, requests: r.requests.total };
}

const ok = (code: number) => code >= 200 && code < 300;

export interface Target {
  label: string;
  base: string;
  data: ScenarioData;
}

/**
 * Runs each scenario against every target in turn (app, then baseline, back to back), so both
 * see the same machine conditions; answers one result list per target.
 */
export async function runScenarios(targets: Target[], log: (line: string) => void): Promise<ScenarioResult[][]> {
  const results: ScenarioResult[][] = targets.map(() => []);
  const names = ['product list p1 (category)', 'product list p50 (deep)', 'product detail', 'cart add', 'order placement', 'payment callback'];
  // A freshly started process is slower for several seconds (JIT, lazy initialisation): warm
  // every target on the read routes first, so the first scenario measured is not penalised.
  for (const target of targets) {
    for (const name of names.slice(0, 3)) await autocannon({ connections: CONNECTIONS, ...scenario(name, target).options, duration: 4 });
  }
  for (const name of names) {
    for (const [t, target] of targets.entries()) {
      const { options, warmupSeconds } = scenario(name, target);
      if (warmupSeconds > 0) await autocannon({ ...options, duration: warmupSeconds });
      const r = await autocannon({ connections: CONNECTIONS, ...(options.amount ? {} : { duration: DURATION_SECONDS }), ...options });
      const s = summarize(name, r, ok);
      log(`  ${target.label.padEnd(9)} ${name.padEnd(27)} ${String(s.rps).padStart(6)} req/s  p50 ${s.p50} ms  p99 ${s.p99} ms  errors ${s.errors}`);
      results[t].push(s);
    }
  }
  return results;
}

function scenario(name: string, target: Target): { options: autocannon.Options; warmupSeconds: number } {
  const { base, data } = target;
  const tokens = new Map(data.shoppers.map((s) => [s.id, `Bearer ${shopperToken(s.id)}`]));
  switch (name) {
    case 'product list p1 (category)':
      return { options: { url: `${base}/api/v1/app/products?categoryId=${data.categoryId}&page=1&pageSize=20` }, warmupSeconds: 2 };
    case 'product list p50 (deep)':
      return { options: { url: `${base}/api/v1/app/products?page=50&pageSize=20` }, warmupSeconds: 2 };
    case 'product detail': {
      let d = 0;
      return {
        options: { url: base, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/app/products/${data.productIds[(d++ * 37) % data.productIds.length]}` }) }] },
        warmupSeconds: 2,
      };
    }
    case 'cart add': {
      let c = 0;
      return {
        options: {
          url: base,
          requests: [
            {
              method: 'POST',
              setupRequest: (req) => {
                const i = c++;
                const shopper = data.shoppers[i % data.shoppers.length];
                // A different SKU each time a shopper comes round again, so lines stay below the cart caps.
                const skuId = data.skuIds[(i * 7919) % data.skuIds.length];
                return { ...req, path: '/api/v1/app/cart/items', headers: { 'content-type': 'application/json', authorization: tokens.get(shopper.id)! }, body: JSON.stringify({ skuId, quantity: 1 }) };
              },
            },
          ],
        },
        warmupSeconds: 1,
      };
    }
    case 'order placement': {
      let o = 0;
      return {
        options: {
          url: base,
          requests: [
            {
              method: 'POST',
              setupRequest: (req) => {
                const i = o++;
                const shopper = data.shoppers[i % data.shoppers.length];
                const skuId = data.skuIds[(i * 104729) % data.skuIds.length];
                return {
                  ...req,
                  path: '/api/v1/app/orders',
                  headers: { 'content-type': 'application/json', authorization: tokens.get(shopper.id)! },
                  body: JSON.stringify({ items: [{ skuId, quantity: 1 }], deliveryType: 'EXPRESS', addressId: shopper.addressId }),
                };
              },
            },
          ],
        },
        warmupSeconds: 1,
      };
    }
    case 'payment callback': {
      // Each callback pays a distinct order once: the run is as long as the prepared callbacks last.
      let k = 0;
      const path = new URL(data.callbacks[0].url).pathname;
      return {
        options: {
          url: base,
          amount: data.callbacks.length,
          requests: [
            {
              method: 'POST',
              setupRequest: (req) => {
                const cb = data.callbacks[k++ % data.callbacks.length];
                return { ...req, path, headers: cb.headers, body: cb.body };
              },
            },
          ],
        },
        warmupSeconds: 0,
      };
    }
    default:
      throw new Error(`unknown scenario ${name}`);
  }
}

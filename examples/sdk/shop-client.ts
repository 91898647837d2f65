/**
 * A mini-program's view of the API through a client generated from /openapi.json
 * (openapi-typescript types + openapi-fetch). CI generates `./generated/schema.d.ts` from the running
 * server's document and compiles this file against it, so a change that breaks generated SDKs fails.
 *
 *   node dist/scripts/openapi-export.js openapi.json
 *   npx openapi-typescript openapi.json -o examples/sdk/generated/schema.d.ts
 *   npx tsc -p examples/sdk/tsconfig.json
 */
import createClient from 'openapi-fetch';
import type { paths } from './generated/schema';

export async function buyFirstProduct(baseUrl: string, wechatCode: string, addressId: number): Promise<string> {
  const api = createClient<paths>({ baseUrl });

  const login = await api.POST('/api/v1/app/auth/wechat-login', { body: { code: wechatCode } });
  if (!login.data) throw new Error(`login refused: ${login.error?.code}`);
  const headers = { Authorization: `Bearer ${login.data.accessToken}` };

  const list = await api.GET('/api/v1/app/products', { params: { query: { page: 1, pageSize: 20, sort: 'newest' } }, headers });
  const first = list.data?.items[0];
  if (!first) throw new Error('no product on sale');

  const detail = await api.GET('/api/v1/app/products/{id}', { params: { path: { id: first.id } }, headers });
  const sku = detail.data?.skus.find((s) => s.stock > 0);
  if (!sku) throw new Error('sold out');

  const order = await api.POST('/api/v1/app/orders', {
    body: { items: [{ skuId: sku.id, quantity: 1 }], deliveryType: 'EXPRESS', addressId },
    headers: { ...headers, 'Idempotency-Key': `buy-${sku.id}-${Date.now()}` },
  });
  if (!order.data) throw new Error(`order refused: ${order.error?.code} ${order.error?.message}`);
  return order.data.orderNo;
}

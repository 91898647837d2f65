/**
 * Every route with a parameter in its path, as the router holds them, refuses every form of id
 * but plain decimal digits with one and the same 400 body (the IdPipe's), naming the parameter.
 */
import type { Express } from 'express';
import { createTestApp, TestApp } from '../support/app-factory';
import { ApiClient, asShopper, asSuperAdmin } from '../support/clients';

/** What Number(), parseInt or a lax regex accept and a plain decimal id is not. */
const BAD_IDS = ['0x1', '1e0', '01', '+1', '1.0', '%201', '1%20', '0', '-1', '2147483648', '99999999999', 'abc', '1abc', '%EF%BC%91'];

interface PathRoute {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  params: string[];
}

function routesWithParams(t: TestApp): PathRoute[] {
  const app = t.app.getHttpAdapter().getInstance() as Express & { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } };
  const out: PathRoute[] = [];
  for (const layer of app.router.stack) {
    if (!layer.route || !layer.route.path.includes(':')) continue;
    const params = [...layer.route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    for (const method of Object.keys(layer.route.methods)) out.push({ method: method as PathRoute['method'], path: layer.route.path, params });
  }
  return out;
}

describe('path ids', () => {
  let t: TestApp;
  let admin: ApiClient;
  let shopper: ApiClient;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await asSuperAdmin(t);
    shopper = await asShopper(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  function send(route: PathRoute, url: string) {
    const client = route.path.startsWith('/api/v1/admin/') ? admin : route.path.startsWith('/api/v1/app/') ? shopper : null;
    let req = t.http()[route.method](url).set('Accept-Language', 'en');
    if (client) req = req.set('Authorization', `Bearer ${client.token}`);
    return ['post', 'patch', 'put'].includes(route.method) ? req.send({}) : req;
  }

  it('finds the routes with an id in their path', () => {
    const routes = routesWithParams(t);
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`)).toEqual(expect.arrayContaining(['GET /api/v1/app/products/:id', 'POST /api/v1/app/orders/:id/pay', 'PATCH /api/v1/admin/stores/:id']));
  });

  it('refuses every malformed id on every such route with the same 400 body naming the parameter', async () => {
    const failures: string[] = [];
    const bodies = new Set<string>();
    for (const route of routesWithParams(t)) {
      for (const param of route.params) {
        for (const bad of BAD_IDS) {
          const url = route.params.reduce((p, name) => p.replace(`:${name}`, name === param ? bad : '1'), route.path);
          const res = await send(route, url);
          const { requestId, ...body } = res.body ?? {};
          if (res.status !== 400 || body.code !== 'VALIDATION_FAILED' || body.details?.[0]?.field !== param || body.details.length !== 1) {
            failures.push(`${route.method.toUpperCase()} ${url} answered ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
            continue;
          }
          if (requestId !== res.headers['x-request-id']) failures.push(`${route.method.toUpperCase()} ${url}: requestId ${requestId} is not the header's`);
          bodies.add(JSON.stringify({ ...body, details: body.details.map((d: { message: string }) => ({ ...d, field: 'PARAM' })) }));
        }
      }
    }
    expect(failures).toEqual([]);
    expect([...bodies]).toEqual([
      JSON.stringify({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Validation failed',
        details: [{ field: 'PARAM', message: 'must be a positive integer id (plain decimal, no leading zeros)' }],
      }),
    ]);
  }, 120_000);

  it('lets a plain decimal id through to the use case', async () => {
    for (const route of routesWithParams(t).filter((r) => r.method === 'get')) {
      const res = await send(route, route.params.reduce((p, name) => p.replace(`:${name}`, '2147483647'), route.path));
      expect([res.status, res.body?.details?.[0]?.field]).not.toEqual([400, 'id']);
    }
  });
});

import { createTestApp, TestApp } from '../support/app-factory';
import { ApiClient, asShopper, asSuperAdmin } from '../support/clients';

/**
 * Reads the OpenAPI document and throws malformed requests at every route: wrong types, missing
 * fields, huge and negative values, unknown fields, injection strings, bad ids and bad tokens.
 * Nothing may answer 5xx, every refusal has the contract's error shape, and a refused request
 * writes nothing.
 */

interface Operation {
  method: string;
  path: string;
  audience: 'shopper' | 'staff' | 'public';
  bodySchema: Schema | null;
}

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  items?: Schema;
  allOf?: Schema[];
}

const HUGE = 'x'.repeat(100_000);
const INJECTIONS = ["' OR '1'='1", '"; DROP TABLE shop_order; --', '<script>alert(1)</script>', '${7*7}', '../../etc/passwd', '\u0000'];
const BAD_IDS = ['abc', '-1', '0', '1.5', '99999999999999', "1' OR '1'='1", '%27', 'null'];
/** Tables that a refused request may still write by design (the operation log records refusals). */
const ALLOWED_WRITES = new Set(['operation_log', 'migrations']);

function resolve(doc: any, schema: Schema | undefined): Schema | null {
  if (!schema) return null;
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf) return schema.allOf.map((s) => resolve(doc, s)).reduce<Schema>((acc, s) => ({ ...acc, ...s, properties: { ...acc.properties, ...s?.properties } }), {});
  return schema;
}

function wrongValueFor(schema: Schema | undefined): unknown[] {
  switch (schema?.type) {
    case 'integer':
    case 'number':
      return ['12', -1, 0, 1e20, 1.5, null, HUGE];
    case 'string':
      return [12345, HUGE, '', null, ...INJECTIONS.slice(0, 2)];
    case 'boolean':
      return ['yes', 2];
    case 'array':
      return ['not-an-array', [null], Array.from({ length: 1000 }, () => ({}))];
    default:
      return ['x', 7, [1, 2]];
  }
}

function bodiesFor(doc: any, schema: Schema | null): unknown[] {
  const resolved = resolve(doc, schema ?? undefined);
  const bodies: unknown[] = [{ unknownField: 1 }, [], 'text', '{"__proto__": {"admin": true}}', '{"constructor": {"prototype": {"x": 1}}}'];
  if (!resolved?.properties) return bodies;
  const valid: Record<string, unknown> = {};
  bodies.push({});
  for (const [name, prop] of Object.entries(resolved.properties)) {
    for (const wrong of wrongValueFor(resolve(doc, prop) ?? prop)) bodies.push({ ...valid, [name]: wrong });
  }
  bodies.push(Object.fromEntries(Object.keys(resolved.properties).map((k) => [k, INJECTIONS[0]])));
  return bodies;
}

function operations(doc: any): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(methods)) {
      const security = (op.security ?? []).flatMap((s: object) => Object.keys(s));
      const audience = security.includes('staff') ? 'staff' : security.includes('shopper') ? 'shopper' : 'public';
      const bodySchema = op.requestBody?.content?.['application/json']?.schema ?? null;
      ops.push({ method, path, audience, bodySchema });
    }
  }
  return ops;
}

describe('fuzzing every route from the OpenAPI document', () => {
  let t: TestApp;
  let admin: ApiClient;
  let shopper: ApiClient;
  let doc: any;

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
    admin = await asSuperAdmin(t);
    shopper = await asShopper(t);
    doc = (await t.http().get('/openapi.json').expect(200)).body;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function tableCounts(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const { tableName } of t.dataSource.entityMetadatas) {
      if (ALLOWED_WRITES.has(tableName)) continue;
      const [row] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${t.dataSource.driver.escape(tableName)}`);
      counts.set(tableName, Number(row.n));
    }
    return counts;
  }

  function send(client: ApiClient | null, method: string, url: string, body?: unknown) {
    const agent = client ?? null;
    const m = method as 'get' | 'post' | 'patch' | 'put' | 'delete';
    let req = agent ? (m === 'get' || m === 'delete' ? agent[m](url) : agent[m](url)) : t.http()[m](url);
    if (body !== undefined && m !== 'get') req = typeof body === 'string' ? req.set('Content-Type', 'application/json').send(body) : req.send(body as object);
    return req;
  }

  function expectContractError(res: { status: number; body: any }, context: string) {
    if (res.status >= 500) throw new Error(`${context} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    if (res.status >= 400) {
      expect({ context, body: res.body }).toEqual({
        context,
        body: expect.objectContaining({ statusCode: res.status, code: expect.stringMatching(/^[A-Z][A-Z0-9_]*$/), message: expect.any(String) }),
      });
    }
  }

  it('finds routes for every audience in the document', () => {
    const ops = operations(doc);
    expect(ops.filter((o) => o.audience === 'staff').length).toBeGreaterThan(10);
    expect(ops.filter((o) => o.audience === 'shopper').length).toBeGreaterThan(5);
  });

  it('never answers 5xx to malformed requests, always in the error shape, and writes nothing when it refuses', async () => {
    for (const op of operations(doc)) {
      const concrete = op.path.replace(/\{[^}]+\}/g, '1');
      const client = op.audience === 'staff' ? admin : op.audience === 'shopper' ? shopper : null;
      const before = await tableCounts();
      let refusedAll = true;
      const note = (status: number) => {
        if (status < 400) refusedAll = false;
      };

      // Bad tokens: none, garbage, and the other audience's.
      if (op.audience !== 'public') {
        for (const auth of [undefined, 'Bearer garbage.token.value', `Bearer ${op.audience === 'staff' ? shopper.token : admin.token}`]) {
          let req = send(null, op.method, concrete, op.method === 'get' ? undefined : {});
          if (auth) req = req.set('Authorization', auth);
          const res = await req;
          expectContractError(res, `${op.method.toUpperCase()} ${op.path} with token ${auth ?? 'none'}`);
          expect(res.status).toBe(401);
        }
      }

      // Bad path ids.
      if (op.path.includes('{')) {
        for (const bad of BAD_IDS) {
          const url = op.path.replace(/\{[^}]+\}/g, encodeURIComponent(bad));
          const res = await send(client, op.method, url, op.method === 'get' || op.method === 'delete' ? undefined : {});
          expectContractError(res, `${op.method.toUpperCase()} ${url}`);
          note(res.status);
        }
      }

      // Malformed bodies.
      if (['post', 'put', 'patch'].includes(op.method)) {
        for (const body of bodiesFor(doc, op.bodySchema)) {
          const res = await send(client, op.method, concrete, body);
          expectContractError(res, `${op.method.toUpperCase()} ${op.path} with ${JSON.stringify(body).slice(0, 80)}`);
          note(res.status);
        }
      }

      // Malformed query strings.
      if (op.method === 'get') {
        for (const query of ['page=0', 'pageSize=1000', 'page=abc', `keyword=${encodeURIComponent(INJECTIONS[1])}`, 'sort=password', `status=${encodeURIComponent(HUGE.slice(0, 5000))}`]) {
          const res = await send(client, op.method, `${concrete}?${query}`);
          expectContractError(res, `GET ${op.path}?${query.slice(0, 40)}`);
        }
      }

      if (refusedAll) {
        const after = await tableCounts();
        expect({ route: `${op.method.toUpperCase()} ${op.path}`, counts: Object.fromEntries(after) }).toEqual({
          route: `${op.method.toUpperCase()} ${op.path}`,
          counts: Object.fromEntries(before),
        });
      }
    }
  }, 300_000);
});

import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import request from 'supertest';
import { JOBS_QUEUE_NAME } from '../../src/shared/jobs/bull-job-queue';
import { InProcessJobQueue } from '../../src/shared/jobs/in-process-job-queue';
import { JobQueue } from '../../src/shared/jobs/job-queue';
import { createTestApp, TestApp } from '../support/app-factory';
import { ApiClient, asShopper, asSuperAdmin } from '../support/clients';
import { seedAddress, seedProduct, seedStore } from '../support/shop-builders';

/**
 * Reads the OpenAPI document and throws malformed requests at every route: wrong types, missing
 * fields, huge and negative values, unknown fields, injection strings, bad ids, bad query values,
 * bad headers and bad tokens. Bodies start from a valid-looking body built from the schema (its
 * examples, with the ids of a seeded shop), so one bad field at a time reaches past validation of
 * the others. Nothing may answer 5xx, every refusal has the contract's error shape, and a refused
 * write changes no table (the operation log records staff refusals by design).
 */

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  items?: Schema;
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  audience: 'shopper' | 'staff' | 'public';
  bodySchema: Schema | null;
  multipart: boolean;
  parameters: Parameter[];
}

const HUGE = 'x'.repeat(100_000);
const INJECTIONS = ["' OR '1'='1", '"; DROP TABLE shop_order; --', '<script>alert(1)</script>', '${7*7}', '../../etc/passwd', 'a\u0000b'];
const BAD_IDS = ['abc', '-1', '0', '1.5', '2147483648', "1' OR '1'='1", ' 1', '0x1', '1e0', '01', '+1', '1.0'];
/** What must never show in an error body: stack frames, SQL, driver errors. */
const LEAKS = /\bat [\w.<>]+ \(|\.(ts|js):\d+:\d+|SELECT \S|INSERT INTO|QueryFailedError|\bER_[A-Z_]+|SQLITE_/;
/** Tables that a refused request may still write by design: the operation log records refused staff writes. */
const ALLOWED_WRITES = new Set(['operation_log', 'migrations']);
/**
 * 400s of module rules that do not name their field yet (their modules' errors are being converted
 * to error classes elsewhere): PHONE_CODE_INVALID should name `code`, MEDIA_TYPE_NOT_ALLOWED `file`,
 * CATEGORY_CYCLE `parentId`. Every other 400 must list `{ field, message }`.
 */
const FIELDLESS_400_CODES = new Set(['PHONE_CODE_INVALID', 'MEDIA_TYPE_NOT_ALLOWED', 'CATEGORY_CYCLE']);
/** Refusals that write by design: a wrong staff password counts towards the account's lockout. */
const REFUSAL_WRITES: Record<string, string[]> = { 'POST /api/v1/admin/auth/login': ['staff_account'] };

function resolve(doc: any, schema: Schema | undefined): Schema | null {
  if (!schema) return null;
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf) {
    return schema.allOf
      .map((s) => resolve(doc, s))
      .reduce<Schema>((acc, s) => ({ ...acc, ...s, properties: { ...acc.properties, ...s?.properties }, required: [...(acc.required ?? []), ...(s?.required ?? [])] }), {});
  }
  return schema;
}

/** Values of the wrong type, out of range, huge or hostile for a field of this schema. */
function wrongValuesFor(schema: Schema | null): unknown[] {
  switch (schema?.type) {
    case 'integer':
    case 'number':
      return ['12', -1, 0, 1e20, 1.5, Number.MIN_VALUE, null, {}, HUGE];
    case 'string':
      return [12345, HUGE, '', null, ['a'], { $gt: '' }, 'a\u0000b'];
    case 'boolean':
      return ['yes', 2, null];
    case 'array':
      return ['not-an-array', [null], null, Array.from({ length: 1000 }, () => ({}))];
    default:
      return ['x', 7, [1, 2], null];
  }
}

describe('fuzzing every route from the OpenAPI document', () => {
  let t: TestApp;
  let admin: ApiClient;
  let shopper: ApiClient;
  let doc: any;
  /** Ids of real resources, by the path segment that names them, so bodies reach the use cases. */
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp({ wechatPay: true, env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
    admin = await asSuperAdmin(t);
    shopper = await asShopper(t);
    ids.stores = await seedStore(admin);
    const product = await seedProduct(admin, { name: 'Fuzz product', stock: 1000 });
    ids.products = product.productId;
    ids.skus = product.skuIds[0];
    ids.categories = (await admin.get(`/api/v1/admin/products/${product.productId}`).expect(200)).body.categoryId;
    ids.addresses = await seedAddress(shopper);
    ids.roles = (await admin.post('/api/v1/admin/roles', { name: 'Fuzz role', permissions: ['order:read'] }).expect(201)).body.id;
    ids.admins = (await admin.post('/api/v1/admin/admins', { username: 'fuzz.staff', password: 'fuzz-pass-123', roleIds: [ids.roles] }).expect(201)).body.id;
    ids.items = (await shopper.post('/api/v1/app/cart/items', { skuId: ids.skus, quantity: 1 }).expect(201)).body.id;
    const order = await shopper.post('/api/v1/app/orders', { items: [{ skuId: ids.skus, quantity: 1 }], deliveryType: 'EXPRESS', addressId: ids.addresses }).expect(201);
    ids.orders = order.body.id;
    // A second order for the payment routes, which run last (see operations()).
    ids.payOrder = (await shopper.post('/api/v1/app/orders', { items: [{ skuId: ids.skus, quantity: 1 }], deliveryType: 'EXPRESS', addressId: ids.addresses }).expect(201)).body.id;
    doc = (await t.http().get('/openapi.json').expect(200)).body;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  /** The example-based value a client would send for a field; seeded ids for id fields. */
  function validValueFor(name: string, raw: Schema | undefined, depth = 0): unknown {
    const schema = resolve(doc, raw);
    if (!schema) return 'x';
    const idKey = { skuId: 'skus', addressId: 'addresses', storeId: 'stores', categoryId: 'categories', parentId: 'categories', productId: 'products' }[name];
    if (idKey && ids[idKey]) return ids[idKey];
    if (name === 'roleIds') return [ids.roles];
    if (name === 'storeIds') return [ids.stores];
    if (schema.example !== undefined) return schema.example;
    if (schema.enum) return schema.enum[0];
    switch (schema.type) {
      case 'integer':
      case 'number':
        return Math.max(1, schema.minimum ?? 1);
      case 'boolean':
        return true;
      case 'array':
        return depth > 3 ? [] : [validValueFor(name, schema.items, depth + 1)];
      case 'object':
        return depth > 3 ? {} : validBodyFor(schema, depth + 1);
      default:
        return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    }
  }

  function validBodyFor(schema: Schema, depth = 0): Record<string, unknown> {
    return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, prop]) => [name, validValueFor(name, prop, depth)]));
  }

  /** Malformed bodies, each with a label: whole-body garbage, then one field at a time wrong in an otherwise valid body. */
  function bodiesFor(schemaRef: Schema | null): Array<[string, unknown]> {
    const schema = resolve(doc, schemaRef ?? undefined);
    const show = (v: unknown) => (v === undefined ? 'undefined' : JSON.stringify(v).slice(0, 60));
    const raw = [{ unknownField: 1 }, [], 'text', '{"broken json', '{"__proto__": {"admin": true}}', '{"constructor": {"prototype": {"x": 1}}}', `"${HUGE}"`, 'null'];
    const bodies: Array<[string, unknown]> = raw.map((b) => [show(b), b]);
    if (!schema?.properties) return bodies;
    const valid = validBodyFor(schema);
    bodies.push(['{}', {}], ['valid + unknownField', { ...valid, unknownField: 1 }], ['valid + __proto__', JSON.stringify(valid).replace(/^{/, '{"__proto__": {"polluted": true}, ')]);
    for (const name of schema.required ?? []) {
      const { [name]: _dropped, ...rest } = valid;
      bodies.push([`valid without ${name}`, rest]);
    }
    for (const [name, rawProp] of Object.entries(schema.properties)) {
      const prop = resolve(doc, rawProp);
      for (const wrong of wrongValuesFor(prop)) bodies.push([`valid with ${name}=${show(wrong)}`, { ...valid, [name]: wrong }]);
      // One level down: each field of the first element of an array of objects, and of a nested object.
      const nested = prop?.type === 'array' ? resolve(doc, prop.items) : prop?.type === 'object' ? prop : null;
      if (nested?.properties) {
        const inner = validBodyFor(nested, 1);
        const wrap = (element: unknown) => (prop?.type === 'array' ? [element] : element);
        for (const [innerName, innerRaw] of Object.entries(nested.properties)) {
          for (const wrong of wrongValuesFor(resolve(doc, innerRaw))) {
            bodies.push([`valid with ${name}.${innerName}=${show(wrong)}`, { ...valid, [name]: wrap({ ...inner, [innerName]: wrong }) }]);
          }
        }
        bodies.push([`valid with ${name}.unknownField`, { ...valid, [name]: wrap({ ...inner, unknownField: 1 }) }]);
      }
    }
    // Every string field at once carrying one injection string.
    const stringFields = Object.entries(schema.properties).filter(([, p]) => resolve(doc, p)?.type === 'string');
    if (stringFields.length > 0) {
      for (const injection of INJECTIONS) bodies.push([`valid with every string ${show(injection)}`, { ...valid, ...Object.fromEntries(stringFields.map(([k]) => [k, injection])) }]);
    }
    return bodies;
  }

  function operations(): Operation[] {
    const ops: Operation[] = [];
    for (const [path, methods] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(methods)) {
        const security = (op.security ?? []).flatMap((s: object) => Object.keys(s));
        const audience = security.includes('staff') ? 'staff' : security.includes('shopper') ? 'shopper' : 'public';
        const content = op.requestBody?.content ?? {};
        ops.push({
          method: method as Operation['method'],
          path,
          audience,
          bodySchema: content['application/json']?.schema ?? null,
          multipart: Boolean(content['multipart/form-data']),
          parameters: op.parameters ?? [],
        });
      }
    }
    // Destructive routes late, so the seeded order and resources stay usable for the others; the
    // payment routes last of all (on their own order), since a prepay schedules a payment sync job
    // 15 s later whose write must not land while a refused request is being checked.
    const payment = (o: Operation) => /\/(pay|sync-payment)$/.test(o.path);
    const destructive = (o: Operation) => !payment(o) && (o.method === 'delete' || /\/(cancel|logout)$/.test(o.path));
    return [...ops.filter((o) => !destructive(o) && !payment(o)), ...ops.filter(destructive), ...ops.filter(payment)];
  }

  /** Every table's content (a checksum on MariaDB) but the allowed ones, in one statement. */
  async function fingerprint(): Promise<Map<string, string>> {
    const tables = t.dataSource.entityMetadatas.filter((m) => !ALLOWED_WRITES.has(m.tableName)).sort((a, b) => a.tableName.localeCompare(b.tableName));
    if (t.dataSource.options.type === 'mysql' || t.dataSource.options.type === 'mariadb') {
      const rows: Array<{ Table: string; Checksum: string | number | null }> = await t.dataSource.query(`CHECKSUM TABLE ${tables.map((m) => `\`${m.tableName}\``).join(', ')}`);
      return new Map(rows.map((r) => [r.Table.split('.').pop()!, String(r.Checksum)]));
    }
    const selects = tables.map((m) => {
      const row = m.columns.map((c) => `quote("${c.databaseName}")`).join(` || ',' || `);
      return `(SELECT group_concat(${row}, ';') FROM "${m.tableName}") AS "${m.tableName}"`;
    });
    const [row] = await t.dataSource.query(`SELECT ${selects.join(', ')}`);
    return new Map(Object.entries<string | null>(row).map(([k, v]) => [k, String(v)]));
  }

  /** No job waiting to run now or running (delayed timers may wait); in-process jobs are awaited. */
  async function queueIdle(): Promise<boolean> {
    const jobs = t.app.get(JobQueue);
    if (jobs instanceof InProcessJobQueue) {
      await jobs.drain();
      return true;
    }
    const queue = t.app.get<Queue>(getQueueToken(JOBS_QUEUE_NAME), { strict: false });
    const counts = await queue.getJobCounts();
    return counts.waiting === 0 && counts.active === 0;
  }

  function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
    return [...after.keys()].filter((k) => before.get(k) !== after.get(k));
  }

  function pathWithIds(path: string, replacement?: string): string {
    const idOf = (segment: string) => (segment === 'orders' && /\/(pay|sync-payment)$/.test(path) ? ids.payOrder : ids[segment]);
    return path.replace(/([^/]+)\/\{[^}]+\}/g, (_m, segment: string) => `${segment}/${replacement ?? String(idOf(segment) ?? 1)}`);
  }

  function send(client: ApiClient | null, op: Operation, url: string, body?: unknown, headers: Record<string, string> = {}): request.Test {
    let req = t.http()[op.method](url);
    if (client) req = req.set('Authorization', `Bearer ${client.token}`);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    if (body !== undefined) req = typeof body === 'string' ? req.set('Content-Type', 'application/json').send(body) : req.send(body as object);
    return req;
  }

  it('finds routes for every audience in the document', () => {
    const ops = operations();
    expect(ops.filter((o) => o.audience === 'staff').length).toBeGreaterThan(40);
    expect(ops.filter((o) => o.audience === 'shopper').length).toBeGreaterThan(20);
    expect(ops.filter((o) => o.multipart).length).toBe(1);
    expect(ops.filter((o) => o.parameters.some((p) => p.in === 'query')).length).toBeGreaterThan(10);
  });

  it('never answers 5xx to malformed requests, always in the error shape, and writes nothing when it refuses', async () => {
    const failures: string[] = [];
    let sent = 0;
    let refused = 0;
    /** The database as it was after the last write request (GETs are assumed not to write). */
    let baseline = await fingerprint();

    /**
     * `field`: the field a 400 must name (a path parameter, `body`, a query key); every 400 names
     * some field in `details`, a list of `{ field, message }`.
     */
    const check = async (context: string, op: Operation, run: () => request.Test, expectedStatus?: number, field?: (name: string) => boolean) => {
      const writes = op.method !== 'get';
      const before = baseline;
      const res = await run();
      sent += 1;
      if (writes) {
        baseline = await fingerprint();
      }
      if (res.status >= 500) {
        failures.push(`${context} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}`);
        return;
      }
      if (expectedStatus !== undefined && res.status !== expectedStatus) failures.push(`${context} answered ${res.status}, expected ${expectedStatus}`);
      if (res.status < 400) {
        // An accepted write may start work after its commit (events, in-process jobs): let it settle
        // so that it is not blamed on the next, refused request.
        for (let i = 0; writes && i < 100; i += 1) {
          await new Promise((r) => setTimeout(r, 5));
          const settled = await fingerprint();
          if (changedTables(baseline, settled).length === 0 && (await queueIdle())) break;
          baseline = settled;
        }
        return;
      }
      refused += 1;
      const b = res.body ?? {};
      const shapeOk =
        b.statusCode === res.status &&
        typeof b.code === 'string' &&
        /^[A-Z][A-Z0-9_]*$/.test(b.code) &&
        typeof b.message === 'string' &&
        !LEAKS.test(JSON.stringify(b));
      if (!shapeOk) failures.push(`${context} answered ${res.status} outside the error shape: ${JSON.stringify(b).slice(0, 200)}`);
      if ((res.status === 400 && !FIELDLESS_400_CODES.has(b.code)) || b.code === 'VALIDATION_FAILED') {
        const details: Array<{ field?: unknown; message?: unknown }> = Array.isArray(b.details) ? b.details : [];
        const listed = details.length > 0 && details.every((d) => typeof d?.field === 'string' && d.field !== '' && typeof d.message === 'string' && d.message !== '');
        if (!listed) failures.push(`${context}: ${res.status} ${b.code} without { field, message } details: ${String(JSON.stringify(b.details)).slice(0, 200)}`);
        else if (field && !details.some((d) => field(d.field as string))) failures.push(`${context}: 400 names ${details.map((d) => d.field).join(', ')}, not the field refused`);
      }
      const changed = writes ? changedTables(before, baseline).filter((table) => !REFUSAL_WRITES[`${op.method.toUpperCase()} ${op.path}`]?.includes(table)) : [];
      if (changed.length > 0) failures.push(`${context} was refused (${res.status} ${b.code}) but changed ${changed.join(', ')}`);
    };

    for (const op of operations()) {
      const name = `${op.method.toUpperCase()} ${op.path}`;
      const client = op.audience === 'staff' ? admin : op.audience === 'shopper' ? shopper : null;
      const concrete = pathWithIds(op.path);
      const hasBody = ['post', 'put', 'patch'].includes(op.method);

      // Bad tokens: none, garbage, a forged signature, and the other audience's.
      if (op.audience !== 'public') {
        const [h, p] = admin.token.split('.');
        const tokens = [undefined, `Bearer ${h}.${p}.forged-signature`, `Bearer ${op.audience === 'staff' ? shopper.token : admin.token}`];
        for (const auth of tokens) {
          await check(`${name} with token ${auth?.slice(0, 20) ?? 'none'}`, op, () => send(null, op, concrete, hasBody ? {} : undefined, auth ? { Authorization: auth } : {}), 401);
        }
      }

      // Bad path ids.
      if (op.path.includes('{')) {
        for (const bad of BAD_IDS) {
          const url = pathWithIds(op.path, encodeURIComponent(bad));
          const param = op.parameters.find((p) => p.in === 'path')?.name ?? 'id';
          await check(`${op.method.toUpperCase()} ${url}`, op, () => send(client, op, url, hasBody ? {} : undefined), 400, (f) => f === param);
        }
      }

      // Malformed JSON bodies.
      if (hasBody && !op.multipart) {
        for (const [label, body] of bodiesFor(op.bodySchema)) {
          const unparsable = body === '{"broken json';
          const hostile = typeof body === 'string' && /__proto__|"constructor": \{"prototype"/.test(body);
          await check(`${name} with ${label}`, op, () => send(client, op, concrete, body), unparsable || hostile ? 400 : undefined, unparsable ? (f) => f === 'body' : undefined);
        }
      }

      // Multipart uploads: no file, a file that is not what it claims, an unknown field, JSON instead.
      if (op.multipart) {
        const bad: Array<[string, () => request.Test]> = [
          ['no file', () => send(client, op, concrete).field('note', 'x')],
          ['a text file named .jpg', () => send(client, op, concrete).attach('file', Buffer.from('not an image'), { filename: 'a.jpg', contentType: 'image/jpeg' })],
          ['an empty file', () => send(client, op, concrete).attach('file', Buffer.alloc(0), { filename: 'a.png', contentType: 'image/png' })],
          ['two files', () => send(client, op, concrete).attach('file', Buffer.from('x'), 'a.jpg').attach('other', Buffer.from('y'), 'b.jpg')],
          ['a hostile file name', () => send(client, op, concrete).attach('file', Buffer.from('GIF89a'), { filename: `../../${INJECTIONS[1]}.gif`, contentType: 'image/gif' })],
          ['a JSON body', () => send(client, op, concrete, { file: 'x' })],
          ['a truncated multipart body', () => send(client, op, concrete, '--b\r\nContent-Disposition: form-data; name="file"').set('Content-Type', 'multipart/form-data; boundary=b')],
        ];
        for (const [what, run] of bad) await check(`${name} with ${what}`, op, run);
      }

      // Query parameters from the document: each one wrong while the others are absent.
      for (const param of op.parameters.filter((p) => p.in === 'query')) {
        // The key sent, or another query key it goes with (latitude without longitude names the missing one).
        const queryKeys = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
        const namesQueryKey = (f: string) => queryKeys.some((k) => f === k || f.startsWith(`${k}.`) || f.startsWith(`${k}[`));
        const values = [...wrongValuesFor(param.schema ?? null), 'abc', '-1', '1e400', INJECTIONS[0], INJECTIONS[5]].filter((v) => v !== null && typeof v !== 'object');
        for (const value of [...new Set(values.map(String))]) {
          const qs = `${encodeURIComponent(param.name)}=${encodeURIComponent(value)}`;
          await check(`${name}?${qs.slice(0, 60)}`, op, () => send(client, op, `${concrete}?${qs}`), undefined, namesQueryKey);
        }
        await check(`${name}?${param.name}[]=a&${param.name}[]=b`, op, () => send(client, op, `${concrete}?${param.name}[]=a&${param.name}[]=b`), undefined, namesQueryKey);
        await check(`${name}?${param.name}[k]=v`, op, () => send(client, op, `${concrete}?${param.name}[k]=v`), undefined, namesQueryKey);
      }
      if (op.method === 'get') await check(`${name}?unknownParam=1`, op, () => send(client, op, `${concrete}?unknownParam=1&sort=password`), undefined, (f) => f === 'unknownParam' || f === 'sort');

      // Headers from the document (Idempotency-Key, WeChat Pay signature headers): too long, empty, hostile.
      for (const param of op.parameters.filter((p) => p.in === 'header')) {
        for (const value of ['', 'k'.repeat(65), HUGE.slice(0, 4000), INJECTIONS[0]]) {
          await check(`${name} with ${param.name}: ${value.slice(0, 20)}`, op, () => send(client, op, concrete, hasBody ? {} : undefined, { [param.name]: value }));
        }
      }
    }

    expect(failures).toEqual([]);
    // The fuzz really ran: thousands of requests, nearly all of them refused.
    expect(sent).toBeGreaterThan(2000);
    expect(refused).toBeGreaterThan(sent * 0.8);
  }, 300_000);
});

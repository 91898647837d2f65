/**
 * The OpenAPI document is an SDK source (mini-program and admin console clients are generated from
 * it), so it must say exactly what the server does: real types, named enums, who may call each
 * operation, every operation's error answers in the error schema, and tags a reader can navigate.
 */
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { AUTH_POLICY, AuthPolicy } from '../../src/shared/auth/auth.decorators';
import { operationIdOf } from '../../src/shared/docs/openapi-refine';
import { createTestApp, TestApp } from '../support/app-factory';

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** The only fractional numbers of the API; everything else (ids, fen, counts) is an integer. */
const FRACTIONAL = new Set(['latitude', 'longitude']);

interface Op {
  name: string;
  path: string;
  op: Json;
}

/** Every schema in the document with where it sits, nested schemas included. */
function schemasOf(doc: Json): Array<{ where: string; schema: Json; name?: string; topLevel: boolean }> {
  const out: Array<{ where: string; schema: Json; name?: string; topLevel: boolean }> = [];
  const walk = (schema: Json | undefined, where: string, topLevel: boolean, name?: string) => {
    if (!schema || typeof schema !== 'object') return;
    out.push({ where, schema, name, topLevel });
    for (const [key, sub] of Object.entries<Json>(schema.properties ?? {})) walk(sub, `${where}.${key}`, false, key);
    if (schema.items) walk(schema.items, `${where}[]`, false, name);
    if (typeof schema.additionalProperties === 'object') walk(schema.additionalProperties, `${where}{}`, false);
    for (const key of ['allOf', 'oneOf', 'anyOf']) (schema[key] ?? []).forEach((sub: Json, i: number) => walk(sub, `${where}.${key}[${i}]`, false, name));
  };
  for (const [name, schema] of Object.entries<Json>(doc.components.schemas)) walk(schema, `#/components/schemas/${name}`, true);
  for (const { name, op } of operationsOf(doc)) {
    for (const p of op.parameters ?? []) walk(p.schema, `${name} parameter ${p.name}`, false, p.name);
    for (const [type, media] of Object.entries<Json>(op.requestBody?.content ?? {})) walk(media.schema, `${name} body ${type}`, false);
    for (const [status, response] of Object.entries<Json>(op.responses)) {
      for (const media of Object.values<Json>(response.content ?? {})) walk(media.schema, `${name} ${status}`, false);
    }
  }
  return out;
}

function operationsOf(doc: Json): Op[] {
  return Object.entries<Json>(doc.paths).flatMap(([path, item]) =>
    Object.entries<Json>(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, path, op })),
  );
}

/** The access policy of every handler, by operationId, read from the route metadata the guard reads. */
function policies(t: TestApp): Map<string, AuthPolicy | undefined> {
  const out = new Map<string, AuthPolicy | undefined>();
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | undefined;
      if (!controller?.prototype) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        out.set(operationIdOf(controller.name, name), Reflect.getMetadata(AUTH_POLICY, handler) ?? Reflect.getMetadata(AUTH_POLICY, controller));
      }
    }
  }
  return out;
}

describe('the OpenAPI document as an SDK source', () => {
  let t: TestApp;
  let doc: Json;
  let ops: Op[];

  const resolveResponse = (response: Json): Json => (response.$ref ? doc.components.responses[response.$ref.split('/').pop()] : response);

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http().get('/openapi.json').expect(200)).body;
    ops = operationsOf(doc);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('documents the operations of the application', () => {
    expect(ops.length).toBeGreaterThan(80);
  });

  it('types no field as a bare object: every object names its properties, its value type or its schema', () => {
    const bare = schemasOf(doc)
      .filter(({ schema }) => schema.type === 'object' || (schema.type === undefined && schema.example !== undefined))
      .filter(({ schema }) => !schema.properties && schema.additionalProperties === undefined && !schema.allOf && !schema.oneOf && !schema.anyOf && !schema.$ref)
      .map(({ where }) => where);
    expect(bare).toEqual([]);
  });

  it('gives nullable fields their type beside nullable (OpenAPI 3.0.3), never a bare nullable', () => {
    const untyped = schemasOf(doc)
      .filter(({ schema }) => schema.nullable === true && !schema.type)
      .map(({ where }) => where);
    expect(untyped).toEqual([]);
  });

  it('types ids, money and counts as integers; only coordinates are fractional', () => {
    const fractional = schemasOf(doc)
      .filter(({ schema, name }) => schema.type === 'number' && !FRACTIONAL.has(name ?? ''))
      .map(({ where }) => where);
    expect(fractional).toEqual([]);
    const pathIds = ops.flatMap(({ name, op }) => (op.parameters ?? []).filter((p: Json) => p.in === 'path' && p.schema?.type !== 'integer').map((p: Json) => `${name} {${p.name}}`));
    expect(pathIds).toEqual([]);
  });

  it('marks every timestamp as a date-time', () => {
    const plain = schemasOf(doc)
      .filter(({ schema, name }) => schema.type === 'string' && /At$/.test(name ?? '') && schema.format !== 'date-time')
      .map(({ where }) => where);
    expect(plain).toEqual([]);
  });

  it('names every enum: each is a component schema, referenced wherever it appears', () => {
    const inline = schemasOf(doc)
      .filter(({ schema, topLevel }) => schema.enum && !topLevel)
      .map(({ where, schema }) => `${where}: ${JSON.stringify(schema.enum)}`);
    expect(inline).toEqual([]);
    const schemas = doc.components.schemas;
    for (const name of ['OrderStatus', 'DeliveryType', 'AfterSaleType', 'AfterSaleStatus', 'ProductStatus', 'StoreStatus', 'PaymentStatus']) {
      expect(schemas[name]).toEqual(expect.objectContaining({ type: 'string', enum: expect.any(Array) }));
    }
    // One schema for one set of values: the same enum is not defined twice under two names.
    const byValues = new Map<string, string[]>();
    for (const [name, schema] of Object.entries<Json>(schemas).filter(([, s]) => s.enum)) {
      const key = JSON.stringify([...schema.enum].sort());
      byValues.set(key, [...(byValues.get(key) ?? []), name]);
    }
    expect([...byValues.values()].filter((names) => names.length > 1)).toEqual([]);
    // DeliveryType is reused by orders, checkout and stores.
    const json = JSON.stringify(doc);
    expect(json.split('"#/components/schemas/DeliveryType"').length - 1).toBeGreaterThanOrEqual(5);
  });

  it('states who may call each operation: security [] on public ones, the audience’s bearer scheme on the others', () => {
    const byId = policies(t);
    const problems: string[] = [];
    for (const { name, op } of ops) {
      const policy = byId.get(op.operationId);
      if (!policy) {
        problems.push(`${name}: no route policy behind ${op.operationId}`);
        continue;
      }
      const expected = policy.kind === 'public' ? [] : [{ [policy.kind]: [] }];
      if (JSON.stringify(op.security) !== JSON.stringify(expected)) problems.push(`${name} (${policy.kind}) documents security ${JSON.stringify(op.security)}`);
    }
    expect(problems).toEqual([]);
    expect(ops.filter(({ op }) => Array.isArray(op.security) && op.security.length === 0).length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['shopper', 'staff']);
  });

  it('documents every operation’s error answers in the ErrorResponse schema', () => {
    const byId = policies(t);
    const problems: string[] = [];
    for (const { name, path, op } of ops) {
      const policy = byId.get(op.operationId);
      const statuses = Object.keys(op.responses);
      const errors = statuses.filter((s) => Number(s) >= 400);
      if (!errors.some((s) => s.startsWith('4'))) problems.push(`${name} documents no 4xx answer`);
      for (const status of errors) {
        const response = resolveResponse(op.responses[status]);
        const schema = response?.content?.['application/json']?.schema;
        // /health answers 503 with its own health body, by design.
        const own = name === 'GET /health' && status === '503';
        if (!own && schema?.$ref !== '#/components/schemas/ErrorResponse') problems.push(`${name} ${status} is not in the error schema: ${JSON.stringify(schema)}`);
        if (!response?.description) problems.push(`${name} ${status} has no description`);
      }
      const expect = (status: string, why: string) => {
        if (!statuses.includes(status)) problems.push(`${name} lacks ${status} (${why})`);
      };
      if (op.requestBody || (op.parameters ?? []).length > 0) expect('400', 'it takes input');
      if (policy && policy.kind !== 'public') expect('401', 'it needs a token');
      if (policy?.kind === 'staff' && policy.permissions.length > 0) expect('403', `it needs ${policy.permissions.join(', ')}`);
      if (path.includes('{')) expect('404', 'it names a resource in its path');
      if ((op.parameters ?? []).some((p: Json) => p.name === 'Idempotency-Key')) {
        expect('409', 'it takes an Idempotency-Key');
        if (!String(resolveResponse(op.responses['409'] ?? {}).description).includes('IDEMPOTENCY_CONFLICT')) problems.push(`${name} 409 does not name IDEMPOTENCY_CONFLICT`);
      }
      expect('500', 'anything can fail');
    }
    expect(problems).toEqual([]);

    const error = doc.components.schemas.ErrorResponse;
    expect(error.required).toEqual(expect.arrayContaining(['statusCode', 'code', 'message', 'requestId']));
    expect(error.properties.statusCode.type).toBe('integer');
    expect(error.properties.details.oneOf).toContainEqual({ type: 'array', items: { $ref: '#/components/schemas/ErrorDetail' } });
    expect(doc.components.schemas.ErrorDetail.required).toEqual(['field', 'message']);
  });

  it('answers as documented: a path id that is not one is 400 in the error schema, a missing resource 404', async () => {
    const bad = await t.http().get('/api/v1/app/products/abc').expect(400);
    expect(bad.body).toEqual(expect.objectContaining({ statusCode: 400, code: 'VALIDATION_FAILED', requestId: expect.any(String) }));
    const missing = await t.http().get('/api/v1/app/products/999999').expect(404);
    expect(missing.body).toEqual(expect.objectContaining({ statusCode: 404, code: 'NOT_FOUND' }));
    // The JSON parser runs before every route, /health too: its documented 400.
    const health = await t.http().get('/health').set('Content-Type', 'application/json').send('{"broken').expect(400);
    expect(health.body.code).toBe('VALIDATION_FAILED');
  });

  it('groups tags (app, admin, notify, service), each described and sorted within its group', () => {
    const used = [...new Set(ops.flatMap(({ op }) => op.tags ?? []))];
    const declared = (doc.tags ?? []) as Array<{ name: string; description?: string }>;
    expect(declared.map((tag) => tag.name).sort()).toEqual([...used].sort());
    expect(declared.filter((tag) => !tag.description).map((tag) => tag.name)).toEqual([]);
    const groups = doc['x-tagGroups'] as Array<{ name: string; tags: string[] }>;
    expect(groups.map((g) => g.name)).toEqual(['app', 'admin', 'notify', 'service']);
    for (const group of groups) {
      expect(group.tags.length).toBeGreaterThan(0);
      expect(group.tags.every((tag) => tag.startsWith(`${group.name} / `))).toBe(true);
      expect(group.tags).toEqual([...group.tags].sort());
    }
    expect(groups.flatMap((g) => g.tags).sort()).toEqual([...used].sort());
  });

  it('keeps the Swagger UI authorization across page reloads', async () => {
    const init = await t.http().get('/swagger-ui/swagger-ui-init.js').expect(200);
    expect(init.text).toMatch(/"persistAuthorization":\s*true/);
  });
});

import { INestApplication, ParseIntPipe, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AUTH_POLICY, AuthPolicy } from '../auth/auth.decorators';
import { IdPipe } from '../http/id.pipe';

/**
 * What the decorators of 83 operations would otherwise repeat, derived here from each route's own
 * metadata (its access policy, its throttling, its parameters and pipes) after Nest has built the
 * document: the security requirement, the error answers every operation shares (400, 401, 403,
 * 404, 429, 500, 503) in the `ErrorResponse` schema, integer path ids, tags with their groups.
 * Route-specific answers (409 codes, 502) stay on the routes as decorators; this only adds what is
 * missing and gives every error answer the error schema.
 */

/** The operationId of a handler: `Order_place` for `OrderController.place`. */
export function operationIdOf(controllerKey: string, methodKey: string): string {
  return `${controllerKey.replace(/Controller$/, '')}_${methodKey}`;
}

/** @nestjs/throttler's SkipThrottle() key for the `default` throttler (not exported by the package). */
const SKIP_DEFAULT_THROTTLER = 'THROTTLER:SKIPdefault';

/** Route argument kinds that carry client input (body, query, path, files, headers). */
const INPUT_ARGUMENTS = new Set([3, 4, 5, 6, 8, 9, 12]);
const PATH_ARGUMENT = 5;

interface RouteFacts {
  policy: AuthPolicy | undefined;
  throttled: boolean;
  takesInput: boolean;
  /** Path parameters, by name, and the integer pipe that reads them (the id pipe, or Nest's ParseIntPipe). */
  pathParams: Map<string, { pipe: 'id' | 'int' | null }>;
}

type Json = Record<string, any>;

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | undefined;
      if (!controller?.prototype) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = name === 'constructor' ? undefined : controller.prototype[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const args = Object.entries<RouteArgument>(Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}).map(([key, arg]) => ({ kind: Number(key.split(':')[0]), ...arg }));
        const pathParams = new Map<string, { pipe: 'id' | 'int' | null }>();
        for (const arg of args.filter((a) => a.kind === PATH_ARGUMENT && typeof a.data === 'string')) {
          const pipes = arg.pipes ?? [];
          const is = (pipe: Type<unknown>) => pipes.some((p) => p === pipe || p instanceof pipe);
          pathParams.set(arg.data as string, { pipe: is(IdPipe) ? 'id' : is(ParseIntPipe) ? 'int' : null });
        }
        facts.set(operationIdOf(controller.name, name), {
          policy: Reflect.getMetadata(AUTH_POLICY, handler) ?? Reflect.getMetadata(AUTH_POLICY, controller),
          throttled: !(Reflect.getMetadata(SKIP_DEFAULT_THROTTLER, handler) ?? Reflect.getMetadata(SKIP_DEFAULT_THROTTLER, controller) ?? false),
          takesInput: args.some((a) => INPUT_ARGUMENTS.has(a.kind)),
          pathParams,
        });
      }
    }
  }
  return facts;
}

const ERROR_SCHEMA = { $ref: '#/components/schemas/ErrorResponse' };
const REQUEST_ID = '5b0c2d7e-8a0e-4c4f-9b7a-2f4c1f9d8e11';

/** The shared error answers, each with the contract's code and an example body. */
const SHARED_ERRORS: Record<string, { status: string; name: string; description: string; example: Json }> = {
  '400': {
    status: '400',
    name: 'ValidationFailed',
    description: 'VALIDATION_FAILED: a body field, query key, path parameter or header is malformed; `details` lists each `{ field, message }`',
    example: { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Validation failed', details: [{ field: 'quantity', message: 'quantity must not be greater than 999' }], requestId: REQUEST_ID },
  },
  '401': {
    status: '401',
    name: 'Unauthorized',
    description: 'UNAUTHORIZED: no, bad, expired or wrong-audience bearer token',
    example: { statusCode: 401, code: 'UNAUTHORIZED', message: 'A bearer access token is required', requestId: REQUEST_ID },
  },
  '403': {
    status: '403',
    name: 'Forbidden',
    description: 'FORBIDDEN: the staff account lacks a permission this operation requires',
    example: { statusCode: 403, code: 'FORBIDDEN', message: 'Requires the permission order:read', requestId: REQUEST_ID },
  },
  '404': {
    status: '404',
    name: 'NotFound',
    description: 'NOT_FOUND: no such resource, or one the caller may not see (another shopper’s, outside the account’s stores)',
    example: { statusCode: 404, code: 'NOT_FOUND', message: 'Order not found', requestId: REQUEST_ID },
  },
  '413': {
    status: '413',
    name: 'PayloadTooLarge',
    description: 'PAYLOAD_TOO_LARGE: the request body is over the size limit',
    example: { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large', requestId: REQUEST_ID },
  },
  '429': {
    status: '429',
    name: 'RateLimited',
    description: 'RATE_LIMITED: too many requests from this client; try again later',
    example: { statusCode: 429, code: 'RATE_LIMITED', message: 'Too many requests, try again later', requestId: REQUEST_ID },
  },
  '500': {
    status: '500',
    name: 'InternalError',
    description: 'INTERNAL_ERROR: a bug, logged under the request id the body carries',
    example: { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal error; quote the request id when reporting it', requestId: REQUEST_ID },
  },
  '503': {
    status: '503',
    name: 'ServiceUnavailable',
    description: 'SERVICE_UNAVAILABLE: the database or Redis is unreachable; nothing was changed, try again shortly',
    example: { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'A backing service is unavailable; try again shortly', requestId: REQUEST_ID },
  },
};

/** Tag descriptions; each tag's group is the part before " / ". Every tag an operation uses needs one (the lint checks). */
const TAG_DESCRIPTIONS: Record<string, string> = {
  'app / auth': 'Shopper login with a wx.login() code, token refresh and logout.',
  'app / me': 'The shopper’s own profile and phone number.',
  'app / addresses': 'The shopper’s delivery addresses.',
  'app / stores': 'Stores near the shopper, with their hours and service modes.',
  'app / catalog': 'Categories and products on sale.',
  'app / cart': 'The shopper’s cart.',
  'app / orders': 'Checkout, orders, WeChat Pay and after-sales of the shopper.',
  'admin / auth': 'Staff login, token refresh and logout.',
  'admin / me': 'The staff account’s own profile, menus and password.',
  'admin / roles': 'Roles and the permissions they hold.',
  'admin / staff accounts': 'Staff accounts, their roles and store scope.',
  'admin / operation log': 'Every staff write, as recorded.',
  'admin / stores': 'Stores: address, coordinates, hours, delivery radius, service modes.',
  'admin / stock': 'Stock adjustments and the stock ledger of a SKU.',
  'admin / categories': 'The category tree.',
  'admin / products': 'Products (SPU) with their spec groups and SKUs.',
  'admin / media': 'Image and video uploads.',
  'admin / orders': 'Orders, shipping, pickup, after-sales, payments and order settings.',
  'notify / wechatpay': 'WeChat Pay callbacks: no bearer token, verified by signature over the raw body.',
  'service / health': 'Liveness and readiness of this process.',
};
/** `x-tagGroups`, in this order: mini-program (shopper), admin console (staff), third-party callbacks, service. */
const TAG_GROUPS = ['app', 'admin', 'notify', 'service'];

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function operations(doc: OpenAPIObject): Array<{ path: string; method: string; op: Json }> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item as Json)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ path, method, op: op as Json })),
  );
}

/** A code to show in an example: the first UPPER_SNAKE word of the description, if any. */
function codeIn(description: string | undefined): string | undefined {
  return /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\bFAIL\b/.exec(description ?? '')?.[0];
}

function errorContent(status: string, description: string | undefined): Json {
  const shared = SHARED_ERRORS[status];
  const code = codeIn(description) ?? shared?.example.code ?? 'CONFLICT';
  const example = shared && shared.example.code === code ? shared.example : { statusCode: Number(status), code, message: description?.split(/[.;:]/)[0] ?? code, requestId: REQUEST_ID };
  return { 'application/json': { schema: ERROR_SCHEMA, example } };
}

/** Adds the shared answer unless the route documents this status itself (its description wins). */
function addError(doc: OpenAPIObject, op: Json, status: string): void {
  if (op.responses[status]) return;
  const shared = SHARED_ERRORS[status];
  const responses = (doc.components!.responses ??= {}) as Json;
  responses[shared.name] ??= { description: shared.description, content: { 'application/json': { schema: ERROR_SCHEMA, example: shared.example } } };
  op.responses[status] = { $ref: `#/components/responses/${shared.name}` };
}

/**
 * Nest writes a property of a named type as `allOf: [{ $ref }]` (so that its description and
 * example may sit beside it). A nullable one also needs the type beside `nullable` (OpenAPI 3.0.3:
 * `nullable` without `type` is ignored); one with nothing beside it is just the `$ref`.
 */
function tidySchema(doc: OpenAPIObject, schema: Json | undefined): void {
  if (!schema || typeof schema !== 'object') return;
  const single = Array.isArray(schema.allOf) && schema.allOf.length === 1 && schema.allOf[0].$ref ? String(schema.allOf[0].$ref) : null;
  if (single && schema.nullable === true && !schema.type) {
    const target = (doc.components!.schemas as Json)[single.split('/').pop()!];
    schema.type = target?.type ?? 'object';
  }
  if (single && Object.keys(schema).length === 1) {
    delete schema.allOf;
    schema.$ref = single;
  }
  for (const key of ['items', 'additionalProperties']) if (typeof schema[key] === 'object') tidySchema(doc, schema[key]);
  for (const key of ['allOf', 'oneOf', 'anyOf']) for (const sub of schema[key] ?? []) tidySchema(doc, sub);
  for (const sub of Object.values<Json>(schema.properties ?? {})) tidySchema(doc, sub);
}

export function refineOpenApiDocument(app: INestApplication, doc: OpenAPIObject): OpenAPIObject {
  const facts = routeFacts(app);
  doc.components ??= {};

  for (const { path, op } of operations(doc)) {
    const route = facts.get(op.operationId);
    if (!route) continue; // not a controller route of ours (nothing to derive from)
    // A route without a policy is closed to everyone (the guard answers 403): no security to name.
    const { policy } = route;
    if (policy) op.security = policy.kind === 'public' ? [] : [{ [policy.kind]: [] }];
    for (const param of op.parameters ?? []) {
      const pipe = param.in === 'path' ? route.pathParams.get(param.name)?.pipe : null;
      if (pipe === 'id') param.schema = { type: 'integer', minimum: 1, maximum: 2_147_483_647 };
      else if (pipe === 'int') param.schema = { type: 'integer' };
    }

    const takesInput = route.takesInput || Boolean(op.requestBody) || (op.parameters ?? []).length > 0;
    if (takesInput) addError(doc, op, '400');
    if (policy && policy.kind !== 'public') addError(doc, op, '401');
    if (!policy || (policy.kind === 'staff' && policy.permissions.length > 0)) addError(doc, op, '403');
    if (route.pathParams.size > 0 || /\{[^}]+\}/.test(path)) addError(doc, op, '404');
    if ((op.parameters ?? []).some((p: Json) => p.in === 'header' && p.name === 'Idempotency-Key')) {
      const conflict = op.responses['409'];
      if (!conflict) op.responses['409'] = { description: 'IDEMPOTENCY_CONFLICT: the same Idempotency-Key came with another body' };
      else if (!String(conflict.description).includes('IDEMPOTENCY_CONFLICT')) conflict.description = `${conflict.description}, IDEMPOTENCY_CONFLICT`;
    }
    if (route.throttled) addError(doc, op, '429');
    addError(doc, op, '500');
    addError(doc, op, '503');

    for (const [status, response] of Object.entries<Json>(op.responses)) {
      if (Number(status) < 400 || response.$ref) continue;
      if (!response.description && SHARED_ERRORS[status]) response.description = SHARED_ERRORS[status].description;
      const json = response.content?.['application/json'];
      if (!response.content) response.content = errorContent(status, response.description);
      else if (json?.schema?.$ref === ERROR_SCHEMA.$ref && json.example === undefined) json.example = errorContent(status, response.description)['application/json'].example;
    }
    op.responses = Object.fromEntries(Object.entries(op.responses).sort(([a], [b]) => a.localeCompare(b)));
  }

  for (const schema of Object.values<Json>((doc.components.schemas ?? {}) as Json)) tidySchema(doc, schema);
  if (doc.components.responses) {
    doc.components.responses = Object.fromEntries(Object.entries(doc.components.responses).sort(([a], [b]) => a.localeCompare(b)));
  }

  const used = [...new Set(operations(doc).flatMap(({ op }) => (op.tags ?? []) as string[]))];
  const groupOf = (tag: string) => tag.split(' / ')[0];
  const groups = TAG_GROUPS;
  // A tag outside the four groups (a test's probe controller) goes last, under "other", so readers
  // that show only grouped tags still show it; the e2e test keeps the application's tags grouped.
  const rank = (tag: string) => (groups.includes(groupOf(tag)) ? groups.indexOf(groupOf(tag)) : groups.length);
  used.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  doc.tags = used.map((name) => ({ name, ...(TAG_DESCRIPTIONS[name] ? { description: TAG_DESCRIPTIONS[name] } : {}) }));
  (doc as Json)['x-tagGroups'] = [...groups, 'other']
    .map((group, i) => ({ name: group, tags: used.filter((t) => rank(t) === i) }))
    .filter((g) => g.tags.length > 0);
  return doc;
}

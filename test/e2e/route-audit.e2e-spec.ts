/**
 * The route audit: every route of the real application declares who may call it, and the guard
 * does what the declaration says. Adding a route without a policy, with an undeclared permission,
 * a staff route outside /admin or an unexpected public write fails this file.
 */
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { Express } from 'express';
import { AUTH_POLICY, AuthPolicy } from '../../src/shared/auth/auth.decorators';
import { isKnownPermission, permissionRegistry, requiredPermissions } from '../../src/shared/auth/permissions';
import { createTestApp, TestApp } from '../support/app-factory';
import { AdminClient, anonymous, ApiClient, asAdmin, asShopper, withToken } from '../support/clients';

interface RouteInfo {
  method: string;
  /** Express-style path, e.g. /api/v1/admin/roles/:id */
  path: string;
  handler: string;
  policy: AuthPolicy | undefined;
}

/** Public routes that write, each a deliberate exception (logins and token refresh). */
const PUBLIC_WRITES = new Set([
  'POST /api/v1/app/auth/wechat-login',
  'POST /api/v1/app/auth/refresh',
  'POST /api/v1/admin/auth/login',
  'POST /api/v1/admin/auth/refresh',
]);

function joinPath(...parts: string[]): string {
  const path = parts
    .flatMap((p) => p.split('/'))
    .filter((s) => s !== '')
    .join('/');
  return `/${path}`;
}

/** Every route Nest registered, with the policy the guard will read (handler first, then class). */
function nestRoutes(t: TestApp): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | undefined;
      if (!controller?.prototype) continue;
      const base = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        if (name === 'constructor') continue;
        const handler = controller.prototype[name];
        if (typeof handler !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (sub === undefined || method === undefined) continue;
        for (const p of Array.isArray(sub) ? sub : [sub]) {
          const full = joinPath(base, p);
          const path = full === '/health' ? full : joinPath('api/v1', full);
          routes.push({
            method: RequestMethod[method],
            path,
            handler: `${controller.name}.${name}`,
            policy: Reflect.getMetadata(AUTH_POLICY, handler) ?? Reflect.getMetadata(AUTH_POLICY, controller),
          });
        }
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** Every route the HTTP server would answer, as Express sees it. */
function expressRoutes(t: TestApp): string[] {
  const app = t.app.getHttpAdapter().getInstance() as Express & { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } };
  const out: string[] = [];
  for (const layer of app.router.stack) {
    if (!layer.route) continue;
    for (const method of Object.keys(layer.route.methods)) out.push(`${method.toUpperCase()} ${layer.route.path}`);
  }
  return out;
}

const concrete = (path: string) => path.replace(/:[A-Za-z0-9_]+/g, '999999');

function call(client: Pick<ApiClient, 'get' | 'post' | 'put' | 'patch' | 'delete'>, route: RouteInfo) {
  const path = concrete(route.path);
  switch (route.method) {
    case 'GET':
      return client.get(path);
    case 'POST':
      return client.post(path, {});
    case 'PUT':
      return client.put(path, {});
    case 'PATCH':
      return client.patch(path, {});
    case 'DELETE':
      return client.delete(path);
    default:
      throw new Error(`No audit call for ${route.method} ${route.path}`);
  }
}

describe('route audit', () => {
  let t: TestApp;
  let routes: RouteInfo[];

  beforeAll(async () => {
    t = await createTestApp();
    routes = nestRoutes(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds the routes of the application', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes).toContainEqual(expect.objectContaining({ method: 'POST', path: '/api/v1/admin/auth/login' }));
    expect(routes).toContainEqual(expect.objectContaining({ method: 'GET', path: '/api/v1/app/addresses' }));
  });

  it('knows every route the HTTP server has under /api/v1 (nothing bypasses Nest)', () => {
    const known = new Set(routes.map((r) => `${r.method} ${r.path}`));
    // Nest's own catch-all answers unknown paths with 404; it is not a route of ours.
    const notFoundHandler = '/api/v1{/*splat}';
    const served = expressRoutes(t);
    expect(served).toContain('POST /api/v1/admin/auth/login');
    const unknown = served.filter((r) => {
      const path = r.split(' ')[1];
      return path.startsWith('/api/v1') && path !== notFoundHandler && !known.has(r);
    });
    expect(unknown).toEqual([]);
  });

  it('gives every route exactly one policy: public, shopper, staff or permissions', () => {
    const without = routes.filter((r) => !r.policy).map((r) => `${r.method} ${r.path} (${r.handler})`);
    expect(without).toEqual([]);
  });

  it('keeps staff routes under /admin, shopper routes under /app, and public writes to the known few', () => {
    const misplaced = routes
      .filter((r) => {
        const policy = r.policy!;
        if (policy.kind === 'staff') return !r.path.startsWith('/api/v1/admin/');
        if (policy.kind === 'shopper') return !r.path.startsWith('/api/v1/app/');
        const write = r.method !== 'GET';
        if (r.path.startsWith('/api/v1/notify/')) return false;
        if (r.path.startsWith('/api/v1/admin/')) return !PUBLIC_WRITES.has(`${r.method} ${r.path}`);
        return write && !PUBLIC_WRITES.has(`${r.method} ${r.path}`);
      })
      .map((r) => `${r.method} ${r.path} (${r.policy!.kind})`);
    expect(misplaced).toEqual([]);
  });

  it('requires only declared permissions, each with a description', () => {
    const used = routes.flatMap((r) => (r.policy?.kind === 'staff' ? r.policy.permissions : []));
    const undeclared = [...new Set([...used, ...requiredPermissions()])].filter((code) => !isKnownPermission(code));
    expect(undeclared).toEqual([]);
    for (const { code, description } of permissionRegistry()) {
      expect(code).toMatch(/^[a-z][a-z-]*:[a-z][a-z-]*$/);
      expect(description.trim().length).toBeGreaterThan(5);
    }
  });

  it('documents every route in the OpenAPI document, with a bearer scheme exactly on guarded ones', async () => {
    const doc = (await t.http().get('/openapi.json').expect(200)).body;
    const problems: string[] = [];
    for (const r of routes) {
      const docPath = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const op = doc.paths[docPath]?.[r.method.toLowerCase()];
      if (!op) {
        problems.push(`${r.method} ${r.path} is not documented`);
        continue;
      }
      const schemes = (op.security ?? []).flatMap((s: Record<string, unknown>) => Object.keys(s));
      const expected = r.policy!.kind === 'public' ? [] : [r.policy!.kind === 'shopper' ? 'shopper' : 'staff'];
      if (JSON.stringify(schemes) !== JSON.stringify(expected)) problems.push(`${r.method} ${r.path} documents ${JSON.stringify(schemes)}`);
      if (!op.summary) problems.push(`${r.method} ${r.path} has no summary`);
    }
    expect(problems).toEqual([]);
  });

  it('refuses every guarded route without a token (401)', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.policy!.kind !== 'public')) {
      const res = await call(anonymous(t), r);
      if (res.status !== 401) failures.push(`${r.method} ${r.path} answered ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses shopper tokens on staff routes and staff tokens on shopper routes (401)', async () => {
    const shopper = await asShopper(t);
    const staff = await asAdmin(t, permissionRegistry().map((p) => p.code));
    const failures: string[] = [];
    for (const r of routes) {
      const kind = r.policy!.kind;
      if (kind === 'public') continue;
      const res = await call(kind === 'staff' ? shopper : staff, r);
      if (res.status !== 401) failures.push(`${r.method} ${r.path} (${kind}) let the other audience through: ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses each permission route to a staff account without its permission (403) and lets one with it through', async () => {
    const nobody = await asAdmin(t, []);
    const holders = new Map<string, AdminClient>();
    const failures: string[] = [];
    for (const r of routes) {
      const policy = r.policy!;
      if (policy.kind !== 'staff' || policy.permissions.length === 0) continue;
      const denied = await call(nobody, r);
      if (denied.status !== 403 || denied.body.code !== 'FORBIDDEN') failures.push(`${r.method} ${r.path} without ${policy.permissions} answered ${denied.status}`);
      for (const missing of policy.permissions) {
        // Holding every other permission is not enough.
        const others = permissionRegistry().map((p) => p.code).filter((c) => c !== missing);
        const key = `all-but:${missing}`;
        if (!holders.has(key)) holders.set(key, await asAdmin(t, others));
        const res = await call(holders.get(key)!, r);
        if (res.status !== 403) failures.push(`${r.method} ${r.path} without ${missing} (but all else) answered ${res.status}`);
      }
      const key = [...policy.permissions].sort().join(',');
      if (!holders.has(key)) holders.set(key, await asAdmin(t, [...policy.permissions]));
      const allowed = await call(holders.get(key)!, r);
      if (allowed.status === 401 || allowed.status === 403) failures.push(`${r.method} ${r.path} with ${policy.permissions} answered ${allowed.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('lets any staff account through plain staff routes and any shopper through shopper routes', async () => {
    const staff = await asAdmin(t, []);
    const shopper = await asShopper(t);
    const failures: string[] = [];
    for (const r of routes) {
      const policy = r.policy!;
      if (policy.kind === 'staff' && policy.permissions.length === 0) {
        const res = await call(staff, r);
        if (res.status === 401 || res.status === 403) failures.push(`${r.method} ${r.path} refused a staff account: ${res.status}`);
      }
      if (policy.kind === 'shopper') {
        const res = await call(shopper, r);
        if (res.status === 401 || res.status === 403) failures.push(`${r.method} ${r.path} refused a shopper: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses a token signed with another key', async () => {
    const r = routes.find((x) => x.path === '/api/v1/admin/me' && x.method === 'GET')!;
    const forged = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0eXAiOiJhY2Nlc3MiLCJzdWIiOiIxIiwiYXVkIjoic3RhZmYiLCJpc3MiOiJ3eHNob3AiLCJ2ZXIiOjF9.c2lnbmF0dXJlLW1hZGUtdXAtZm9yLXRoZS10ZXN0LTAxMjM0NTY';
    await call(withToken(t, forged), r).expect(401);
  });
});

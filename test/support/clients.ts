/**
 * HTTP clients per audience for e2e tests. Every client goes through the real login routes:
 * staff with a username and password, shoppers through wechat-login against the app's WeChat
 * simulator. `path` is always the full path, e.g. '/api/v1/admin/products'.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { TEST_ADMIN, TestApp } from './app-factory';

export interface ApiClient {
  token: string;
  /** Staff account id or shopper id. */
  id: number;
  /** The refresh token of this login. */
  refreshToken: string;
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
  delete(path: string): request.Test;
}

export interface ShopperClient extends ApiClient {
  user: { id: number; nickname: string | null; avatarUrl: string | null; phone: string | null; inviteCode: string };
  /** The WeChat openid this shopper logged in with (log in again with `asShopper(t, { openid })`). */
  openid: string;
}

export interface AdminClient extends ApiClient {
  username: string;
  password: string;
  /** The role made for this client (absent for the super admin and for asAdmin(t, [])). */
  roleId?: number;
}

export type AnonymousClient = Omit<ApiClient, 'token' | 'id' | 'refreshToken'>;

function client(t: TestApp, token: string | null): AnonymousClient {
  const auth = (test: request.Test) => (token ? test.set('Authorization', `Bearer ${token}`) : test);
  return {
    get: (path) => auth(t.http().get(path)),
    post: (path, body) => auth(t.http().post(path)).send(body ?? {}),
    patch: (path, body) => auth(t.http().patch(path)).send(body ?? {}),
    put: (path, body) => auth(t.http().put(path)).send(body ?? {}),
    delete: (path) => auth(t.http().delete(path)),
  };
}

function expectStatus(res: request.Response, status: number, what: string): void {
  if (res.status !== status) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/** A client without a token. */
export function anonymous(t: TestApp): AnonymousClient {
  return client(t, null);
}

/** A client carrying an arbitrary token (for tests of bad or foreign tokens). */
export function withToken(t: TestApp, token: string): AnonymousClient {
  return client(t, token);
}

/** Logs a staff account in with its username and password. */
export async function loginAdmin(t: TestApp, username: string, password: string): Promise<AdminClient> {
  const res = await t.http().post('/api/v1/admin/auth/login').send({ username, password });
  expectStatus(res, 200, `Staff login of ${username}`);
  return { ...client(t, res.body.accessToken), token: res.body.accessToken, refreshToken: res.body.refreshToken, id: res.body.admin.id, username, password };
}

/** The super admin bootstrapped from INIT_ADMIN_USERNAME / INIT_ADMIN_PASSWORD. */
export function asSuperAdmin(t: TestApp): Promise<AdminClient> {
  return loginAdmin(t, TEST_ADMIN.username, TEST_ADMIN.password);
}

/**
 * A fresh staff account holding exactly `permissions` (through a new role; none for []), limited
 * to `storeIds` when given (all stores otherwise), created through the admin API by the super
 * admin, and logged in.
 */
export async function asAdmin(t: TestApp, permissions: string[], opts: { storeIds?: number[] } = {}): Promise<AdminClient> {
  const root = await asSuperAdmin(t);
  const suffix = randomBytes(4).toString('hex');
  let roleId: number | undefined;
  if (permissions.length > 0) {
    const role = await root.post('/api/v1/admin/roles', { name: `test-role-${suffix}`, permissions });
    expectStatus(role, 201, 'Creating a test role');
    roleId = role.body.id;
  }
  const username = `staff-${suffix}`;
  const password = `Pw-${randomBytes(6).toString('hex')}-1`;
  const created = await root.post('/api/v1/admin/admins', {
    username,
    password,
    roleIds: roleId ? [roleId] : [],
    ...(opts.storeIds ? { storeIds: opts.storeIds } : {}),
  });
  expectStatus(created, 201, 'Creating a test staff account');
  return { ...(await loginAdmin(t, username, password)), roleId };
}

/**
 * A shopper logged in with WeChat: the simulator issues a wx.login() code (for a new openid, or
 * the given one to log the same shopper in again) and the app exchanges it.
 */
export async function asShopper(t: TestApp, opts: { inviteCode?: string; openid?: string; unionid?: string } = {}): Promise<ShopperClient> {
  const issued = t.wechat.issueLoginCode({ openid: opts.openid, unionid: opts.unionid });
  const res = await t.http()
    .post('/api/v1/app/auth/wechat-login')
    .send({ code: issued.code, ...(opts.inviteCode !== undefined ? { inviteCode: opts.inviteCode } : {}) });
  expectStatus(res, 200, 'Shopper WeChat login');
  return {
    ...client(t, res.body.accessToken),
    token: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    id: res.body.user.id,
    user: res.body.user,
    openid: issued.openid,
  };
}

import { Controller, Get, Module, NotFoundException, Param, ParseIntPipe } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { applyStoreScope, assertStoreInScope } from '../../src/modules/access';
import { SuperAdminBootstrap } from '../../src/modules/access/application/super-admin.bootstrap';
import { StartupNotices } from '../../src/shared/logging/startup-notices';
import { StaffAccountEntity } from '../../src/modules/identity/domain/staff-account.entity';
import { CurrentStaff, RequirePermissions } from '../../src/shared/auth/auth.decorators';
import { ADMIN_MENU, menuPermissions } from '../../src/modules/access/domain/menus';
import { definePermissions, isKnownPermission } from '../../src/shared/auth/permissions';
import { TokenService } from '../../src/shared/auth/token.service';
import type { StaffPrincipal } from '../../src/shared/http/request-context';
import { createTestApp, TEST_ADMIN, TestApp } from '../support/app-factory';
import { AdminClient, anonymous, asAdmin, asShopper, asSuperAdmin, loginAdmin, withToken } from '../support/clients';

const ProbePermissions = definePermissions({ 'probe-order:read': 'Read probe orders (test only)' });

/** A store-owned resource that exists only in this test, to prove the store-scope helpers. */
@Controller('admin/probe-orders')
class ProbeOrderController {
  constructor(private readonly dataSource: DataSource) {}

  @RequirePermissions(ProbePermissions['probe-order:read'])
  @Get()
  async list(@CurrentStaff() staff: StaffPrincipal): Promise<number[]> {
    const qb = this.dataSource.createQueryBuilder().select('p.id', 'id').from('probe_order', 'p').orderBy('p.id', 'ASC');
    const rows = await applyStoreScope(qb, 'p.store_id', staff).getRawMany<{ id: number }>();
    return rows.map((r) => Number(r.id));
  }

  @RequirePermissions(ProbePermissions['probe-order:read'])
  @Get(':id')
  async get(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number): Promise<{ id: number; storeId: number | null }> {
    const [row] = await this.dataSource.query('SELECT id, store_id FROM probe_order WHERE id = ?', [id]);
    if (!row) throw new NotFoundException();
    const storeId = row.store_id === null ? null : Number(row.store_id);
    assertStoreInScope(staff, storeId, 'Order');
    return { id: Number(row.id), storeId };
  }
}

@Module({ controllers: [ProbeOrderController] })
class ProbeOrderModule {}

const login = (t: TestApp, username: string, password: string) => anonymous(t).post('/api/v1/admin/auth/login', { username, password });

describe('access: staff', () => {
  let t: TestApp;
  let root: AdminClient;

  beforeAll(async () => {
    t = await createTestApp({ extraModules: [ProbeOrderModule] });
    root = await asSuperAdmin(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function newStaff(permissions: string[] = [], storeIds?: number[]) {
    return asAdmin(t, permissions, storeIds ? { storeIds } : {});
  }

  describe('login', () => {
    it('logs the bootstrapped super admin in with every permission', async () => {
      const res = await login(t, TEST_ADMIN.username, TEST_ADMIN.password).expect(200);
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 7200,
        admin: {
          id: root.id,
          username: 'admin',
          roles: [{ id: expect.any(Number), name: 'Super admin' }],
          permissions: expect.arrayContaining(['role:write', 'admin:write', 'operation-log:read', 'probe-order:read']),
          isSuperAdmin: true,
          storeIds: null,
        },
      });
    });

    it('accepts the username in any case', async () => {
      await login(t, 'ADMIN', TEST_ADMIN.password).expect(200);
    });

    it('answers a wrong password and an unknown username the same way (401)', async () => {
      const wrong = await login(t, 'admin', 'wrong-password-1').expect(401);
      const unknown = await login(t, 'nobody-here', 'wrong-password-1').expect(401);
      expect(wrong.body.message).toBe(unknown.body.message);
      expect(wrong.body.code).toBe('UNAUTHORIZED');
    });

    it('refuses a malformed login body with 400', async () => {
      await anonymous(t).post('/api/v1/admin/auth/login', { username: 'admin' }).expect(400);
      await anonymous(t).post('/api/v1/admin/auth/login', { username: 'admin', password: 'x'.repeat(129) }).expect(400);
    });

    it('never returns the password hash', async () => {
      const staff = await newStaff(['admin:read']);
      const list = await staff.get('/api/v1/admin/admins?pageSize=100').expect(200);
      expect(JSON.stringify(list.body)).not.toMatch(/scrypt|passwordHash/);
    });
  });

  describe('lockout', () => {
    it('locks an account after 5 failures in a row: even the right password gets 429 until it is lifted', async () => {
      const staff = await newStaff();
      for (let i = 0; i < 5; i++) await login(t, staff.username, 'wrong-password-1').expect(401);
      const locked = await login(t, staff.username, staff.password).expect(429);
      expect(locked.body.code).toBe('RATE_LIMITED');
      expect(locked.body.details.retryAfterSeconds).toBeGreaterThan(14 * 60);
      expect(locked.body.details.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
      const view = await root.get(`/api/v1/admin/admins/${staff.id}`).expect(200);
      expect(view.body.lockedUntil).not.toBeNull();
      await root.patch(`/api/v1/admin/admins/${staff.id}`, { unlock: true }).expect(200);
      await login(t, staff.username, staff.password).expect(200);
    });

    it('locks for twice as long after the next series of failures', async () => {
      const staff = await newStaff();
      const accounts = t.dataSource.getRepository(StaffAccountEntity);
      for (let i = 0; i < 5; i++) await login(t, staff.username, 'wrong-password-1').expect(401);
      // The first lockout has run out.
      await accounts.update({ id: staff.id }, { lockedUntil: new Date(Date.now() - 1000) });
      for (let i = 0; i < 5; i++) await login(t, staff.username, 'wrong-password-1').expect(401);
      const row = await accounts.findOneByOrFail({ id: staff.id });
      const minutes = (row.lockedUntil!.getTime() - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(29);
      expect(minutes).toBeLessThanOrEqual(30);
      expect(row.lockoutCount).toBe(2);
    });

    it('resets the count after a successful login', async () => {
      const staff = await newStaff();
      for (let i = 0; i < 4; i++) await login(t, staff.username, 'wrong-password-1').expect(401);
      await login(t, staff.username, staff.password).expect(200);
      for (let i = 0; i < 4; i++) await login(t, staff.username, 'wrong-password-1').expect(401);
      await login(t, staff.username, staff.password).expect(200);
    });

    it('cannot be bypassed by concurrent attempts: at most 5 passwords are tried', async () => {
      const staff = await newStaff();
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => login(t, staff.username, `guess-number-${i}`)));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s !== 401).every((s) => s === 429)).toBe(true);
      await login(t, staff.username, staff.password).expect(429);
    });
  });

  describe('sessions', () => {
    const refresh = (refreshToken: string) => anonymous(t).post('/api/v1/admin/auth/refresh', { refreshToken });

    it('rotates staff refresh tokens and ends the family when a used one comes back', async () => {
      const staff = await newStaff(['role:read']);
      const next = await refresh(staff.refreshToken).expect(200);
      expect(next.body.admin).toMatchObject({ id: staff.id, permissions: ['role:read'] });
      await withToken(t, next.body.accessToken).get('/api/v1/admin/roles').expect(200);
      await refresh(staff.refreshToken).expect(401);
      await refresh(next.body.refreshToken).expect(401);
    });

    it('logs out: the refresh token stops working', async () => {
      const staff = await newStaff();
      await staff.post('/api/v1/admin/auth/logout', { refreshToken: staff.refreshToken }).expect(204);
      await refresh(staff.refreshToken).expect(401);
    });

    it('refuses a staff refresh token at the shopper refresh route', async () => {
      const staff = await newStaff();
      await anonymous(t).post('/api/v1/app/auth/refresh', { refreshToken: staff.refreshToken }).expect(401);
    });

    it('stops a disabled account at once: access token, refresh token and login', async () => {
      const staff = await newStaff(['role:read']);
      await staff.get('/api/v1/admin/roles').expect(200);
      const res = await root.patch(`/api/v1/admin/admins/${staff.id}`, { status: 'DISABLED' }).expect(200);
      expect(res.body.status).toBe('DISABLED');
      await staff.get('/api/v1/admin/roles').expect(401);
      await refresh(staff.refreshToken).expect(401);
      await login(t, staff.username, staff.password).expect(401);
      await root.patch(`/api/v1/admin/admins/${staff.id}`, { status: 'ACTIVE' }).expect(200);
      await login(t, staff.username, staff.password).expect(200);
    });

    it('answers a disabled account the same 401 for the right password as for a wrong one', async () => {
      const staff = await newStaff(['role:read']);
      await root.patch(`/api/v1/admin/admins/${staff.id}`, { status: 'DISABLED' }).expect(200);
      const withoutRequestId = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
      for (const lang of ['zh-CN', 'en']) {
        const right = await login(t, staff.username, staff.password).set('Accept-Language', lang).expect(401);
        const wrong = await login(t, staff.username, 'wrong-pass-123').set('Accept-Language', lang).expect(401);
        const unknown = await login(t, `nobody-${staff.id}`, 'wrong-pass-123').set('Accept-Language', lang).expect(401);
        expect(right.body.code).toBe('UNAUTHORIZED');
        expect(withoutRequestId(right.body)).toEqual(withoutRequestId(wrong.body));
        expect(withoutRequestId(right.body)).toEqual(withoutRequestId(unknown.body));
      }
    });

    it('ends every session when an administrator sets a new password', async () => {
      const staff = await newStaff(['role:read']);
      await root.patch(`/api/v1/admin/admins/${staff.id}`, { password: 'brand-new-pass-1' }).expect(200);
      await staff.get('/api/v1/admin/roles').expect(401);
      await refresh(staff.refreshToken).expect(401);
      await login(t, staff.username, staff.password).expect(401);
      await loginAdmin(t, staff.username, 'brand-new-pass-1');
    });

    it('lets an account change its own password with the current one', async () => {
      const staff = await newStaff(['role:read']);
      await staff.post('/api/v1/admin/me/password', { currentPassword: 'not-it-123', newPassword: 'my-new-pass-1' }).expect(401);
      await staff.post('/api/v1/admin/me/password', { currentPassword: staff.password, newPassword: 'short1' }).expect(400);
      const res = await staff.post('/api/v1/admin/me/password', { currentPassword: staff.password, newPassword: 'my-new-pass-1' }).expect(200);
      await staff.get('/api/v1/admin/roles').expect(401);
      await withToken(t, res.body.accessToken).get('/api/v1/admin/roles').expect(200);
      await loginAdmin(t, staff.username, 'my-new-pass-1');
    });

    it('refuses a token for an account that does not exist or with a forged audience', async () => {
      const tokens = t.app.get(TokenService);
      await withToken(t, tokens.signAccess('staff', 999_999, { ver: 1 })).get('/api/v1/admin/me').expect(401);
      await withToken(t, tokens.signAccess('shopper', root.id)).get('/api/v1/admin/me').expect(401);
      await withToken(t, tokens.signAccess('staff', root.id)).get('/api/v1/admin/me').expect(401);
      await withToken(t, `${root.token}x`).get('/api/v1/admin/me').expect(401);
    });
  });

  describe('roles and permissions', () => {
    it('lists every declared permission with its description', async () => {
      const staff = await newStaff(['role:read']);
      const res = await staff.get('/api/v1/admin/permissions').expect(200);
      expect(res.body).toEqual(expect.arrayContaining([{ code: 'role:write', description: expect.any(String) }, { code: 'probe-order:read', description: 'Read probe orders (test only)' }]));
      expect(res.body.every((p: { description: string }) => p.description.length > 0)).toBe(true);
    });

    it('creates, reads, changes and deletes a role', async () => {
      const created = await root.post('/api/v1/admin/roles', { name: ' Auditor ', description: 'reads logs', permissions: ['operation-log:read', 'role:read', 'role:read'] }).expect(201);
      expect(created.body).toMatchObject({ name: 'Auditor', description: 'reads logs', isSuperAdmin: false, permissions: ['operation-log:read', 'role:read'], staffCount: 0 });
      const id = created.body.id;
      expect((await root.get(`/api/v1/admin/roles/${id}`).expect(200)).body.name).toBe('Auditor');
      const changed = await root.patch(`/api/v1/admin/roles/${id}`, { name: 'Log reader', permissions: ['operation-log:read'] }).expect(200);
      expect(changed.body).toMatchObject({ name: 'Log reader', permissions: ['operation-log:read'] });
      const list = await root.get('/api/v1/admin/roles?pageSize=100').expect(200);
      expect(list.body.items[0].isSuperAdmin).toBe(true);
      expect(list.body.items.map((r: { id: number }) => r.id)).toContain(id);
      await root.delete(`/api/v1/admin/roles/${id}`).expect(204);
      await root.get(`/api/v1/admin/roles/${id}`).expect(404);
    });

    it('refuses unknown permission codes, taken names and bad bodies, creating nothing', async () => {
      const before = (await root.get('/api/v1/admin/roles?pageSize=100')).body.total;
      const unknown = await root.post('/api/v1/admin/roles', { name: 'Ghost', permissions: ['ghost:haunt'] }).expect(400);
      expect(unknown.body).toMatchObject({ code: 'UNKNOWN_PERMISSION', details: { codes: ['ghost:haunt'] } });
      await root.post('/api/v1/admin/roles', { name: 'Bad', permissions: ['NOT A CODE'] }).expect(400);
      await root.post('/api/v1/admin/roles', { name: '', permissions: [] }).expect(400);
      expect((await root.post('/api/v1/admin/roles', { name: 'Super admin', permissions: [] }).expect(409)).body.code).toBe('ROLE_NAME_TAKEN');
      expect((await root.get('/api/v1/admin/roles?pageSize=100')).body.total).toBe(before);
    });

    it('protects the super admin role: no delete, rename or permission list (409)', async () => {
      const superRole = (await root.get('/api/v1/admin/roles')).body.items[0];
      expect(superRole).toMatchObject({ isSuperAdmin: true, permissions: expect.arrayContaining(['admin:write', 'probe-order:read']) });
      for (const res of [
        await root.delete(`/api/v1/admin/roles/${superRole.id}`),
        await root.patch(`/api/v1/admin/roles/${superRole.id}`, { name: 'Renamed' }),
        await root.patch(`/api/v1/admin/roles/${superRole.id}`, { permissions: [] }),
      ]) {
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('SUPER_ADMIN_ROLE_PROTECTED');
      }
      await root.patch(`/api/v1/admin/roles/${superRole.id}`, { description: 'The owners' }).expect(200);
      expect((await root.get(`/api/v1/admin/roles/${superRole.id}`)).body).toMatchObject({ name: 'Super admin', description: 'The owners' });
    });

    it('refuses to delete a role someone holds (409 ROLE_IN_USE)', async () => {
      const staff = await newStaff(['role:read']);
      const res = await root.delete(`/api/v1/admin/roles/${staff.roleId}`).expect(409);
      expect(res.body).toMatchObject({ code: 'ROLE_IN_USE', details: { staffCount: 1 } });
    });

    it("applies a role's new permissions to its holders at once", async () => {
      const staff = await newStaff(['role:read']);
      await staff.get('/api/v1/admin/admins').expect(403);
      await root.patch(`/api/v1/admin/roles/${staff.roleId}`, { permissions: ['role:read', 'admin:read'] }).expect(200);
      await staff.get('/api/v1/admin/admins').expect(200);
      await root.patch(`/api/v1/admin/roles/${staff.roleId}`, { permissions: [] }).expect(200);
      await staff.get('/api/v1/admin/roles').expect(403);
    });

    it('allows and denies each route by its permission', async () => {
      const reader = await newStaff(['role:read']);
      const writer = await newStaff(['role:read', 'role:write']);
      await reader.get('/api/v1/admin/roles').expect(200);
      const denied = await reader.post('/api/v1/admin/roles', { name: 'Nope', permissions: [] }).expect(403);
      expect(denied.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('role:write') });
      await writer.post('/api/v1/admin/roles', { name: `Writer-made ${writer.id}`, permissions: ['role:read'] }).expect(201);
    });

    it('lets nobody grant a permission they do not hold', async () => {
      const writer = await newStaff(['role:read', 'role:write']);
      const res = await writer.post('/api/v1/admin/roles', { name: `Escalate ${writer.id}`, permissions: ['admin:write'] }).expect(403);
      expect(res.body.message).toContain('admin:write');
      const wide = (await root.post('/api/v1/admin/roles', { name: `Wide ${writer.id}`, permissions: ['admin:write'] }).expect(201)).body;
      await writer.patch(`/api/v1/admin/roles/${wide.id}`, { permissions: [] }).expect(403);
      await writer.delete(`/api/v1/admin/roles/${wide.id}`).expect(403);
    });
  });

  describe('staff accounts', () => {
    it('creates an account with roles and a store scope, and lists it', async () => {
      const role = (await root.post('/api/v1/admin/roles', { name: 'Clerk', permissions: ['role:read'] }).expect(201)).body;
      const res = await root.post('/api/v1/admin/admins', { username: 'Clerk.One', password: 'clerk-pass-1', roleIds: [role.id], storeIds: [3, 1, 3] }).expect(201);
      expect(res.body).toMatchObject({ username: 'clerk.one', status: 'ACTIVE', roles: [{ id: role.id, name: 'Clerk' }], isSuperAdmin: false, storeIds: [1, 3], lockedUntil: null });
      const list = await root.get('/api/v1/admin/admins?username=clerk').expect(200);
      expect(list.body.items.map((a: { username: string }) => a.username)).toEqual(['clerk.one']);
      const clerk = await loginAdmin(t, 'clerk.one', 'clerk-pass-1');
      expect((await clerk.get('/api/v1/admin/me')).body).toMatchObject({ storeIds: [1, 3], permissions: ['role:read'] });
    });

    it('searches usernames literally: _ and % are not wildcards', async () => {
      for (const username of ['wild_card', 'wildxcard', 'wild-pct', 'wildypct']) {
        await root.post('/api/v1/admin/admins', { username, password: 'wild-pass-1', roleIds: [] }).expect(201);
      }
      const names = async (q: string) =>
        (await root.get('/api/v1/admin/admins').query({ username: q }).expect(200)).body.items.map((a: { username: string }) => a.username).sort();
      expect(await names('wild_')).toEqual(['wild_card']);
      expect(await names('d_c')).toEqual(['wild_card']);
      expect(await names('wild%')).toEqual([]);
      expect(await names('WILD-P')).toEqual(['wild-pct']);
      expect(await names('wild')).toEqual(['wild-pct', 'wild_card', 'wildxcard', 'wildypct']);
    });

    it('refuses a taken username, an unknown role, a weak password and bad store ids', async () => {
      const base = { username: 'dupe-user', password: 'dupe-pass-1', roleIds: [] };
      await root.post('/api/v1/admin/admins', base).expect(201);
      expect((await root.post('/api/v1/admin/admins', { ...base, username: 'DUPE-user' }).expect(409)).body.code).toBe('USERNAME_TAKEN');
      expect((await root.post('/api/v1/admin/admins', { ...base, username: 'ghost-role', roleIds: [99999] }).expect(400)).body.code).toBe('UNKNOWN_ROLE');
      await root.post('/api/v1/admin/admins', { ...base, username: 'weak-pass', password: 'password' }).expect(400);
      await root.post('/api/v1/admin/admins', { ...base, username: 'no', password: 'dupe-pass-1' }).expect(400);
      await root.post('/api/v1/admin/admins', { ...base, username: 'empty-stores', storeIds: [] }).expect(400);
      await root.post('/api/v1/admin/admins', { ...base, username: 'zero-store', storeIds: [0] }).expect(400);
      const names = (await root.get('/api/v1/admin/admins?pageSize=100')).body.items.map((a: { username: string }) => a.username);
      expect(names).not.toEqual(expect.arrayContaining(['ghost-role']));
      expect(names.filter((n: string) => ['weak-pass', 'no', 'empty-stores', 'zero-store'].includes(n))).toEqual([]);
    });

    it('lets nobody hand out the super admin role, a wider role or wider stores than their own', async () => {
      const manager = await newStaff(['admin:read', 'admin:write', 'role:read'], [1, 2]);
      const superRole = (await root.get('/api/v1/admin/roles')).body.items[0];
      const wide = (await root.post('/api/v1/admin/roles', { name: `Wider ${manager.id}`, permissions: ['role:write'] }).expect(201)).body;
      const narrow = (await root.post('/api/v1/admin/roles', { name: `Narrow ${manager.id}`, permissions: ['role:read'] }).expect(201)).body;
      const body = (extra: object) => ({ username: `made-by-${manager.id}`, password: 'made-pass-1', roleIds: [narrow.id], storeIds: [1], ...extra });
      await manager.post('/api/v1/admin/admins', body({ roleIds: [superRole.id] })).expect(403);
      await manager.post('/api/v1/admin/admins', body({ roleIds: [wide.id] })).expect(403);
      await manager.post('/api/v1/admin/admins', body({ storeIds: [3] })).expect(403);
      await manager.post('/api/v1/admin/admins', body({ storeIds: null })).expect(403);
      const made = await manager.post('/api/v1/admin/admins', body({})).expect(201);
      expect(made.body.storeIds).toEqual([1]);
      await manager.patch(`/api/v1/admin/admins/${root.id}`, { password: 'taken-over-1' }).expect(403);
      const allStores = await newStaff([]);
      await manager.patch(`/api/v1/admin/admins/${allStores.id}`, { password: 'taken-over-1' }).expect(403);
      await login(t, TEST_ADMIN.username, TEST_ADMIN.password).expect(200);
    });

    it('keeps at least one active super admin', async () => {
      const superRole = (await root.get('/api/v1/admin/roles')).body.items[0];
      expect((await root.patch(`/api/v1/admin/admins/${root.id}`, { roleIds: [] }).expect(409)).body.code).toBe('LAST_SUPER_ADMIN');
      expect((await root.patch(`/api/v1/admin/admins/${root.id}`, { status: 'DISABLED' }).expect(409)).body.code).toBe('CANNOT_DISABLE_SELF');
      const second = await root.post('/api/v1/admin/admins', { username: 'second-owner', password: 'owner-pass-2', roleIds: [superRole.id] }).expect(201);
      const owner2 = await loginAdmin(t, 'second-owner', 'owner-pass-2');
      await owner2.patch(`/api/v1/admin/admins/${second.body.id}`, { roleIds: [] }).expect(200);
      expect((await root.patch(`/api/v1/admin/admins/${root.id}`, { roleIds: [] }).expect(409)).body.code).toBe('LAST_SUPER_ADMIN');
      expect((await root.get(`/api/v1/admin/admins/${root.id}`)).body.isSuperAdmin).toBe(true);
    });

    it('answers 404 for an unknown account', async () => {
      await root.get('/api/v1/admin/admins/999999').expect(404);
      await root.patch('/api/v1/admin/admins/999999', { status: 'DISABLED' }).expect(404);
    });
  });

  describe('menus', () => {
    it('names only declared permissions, so the super admin sees every menu (Stock, After-sales and Order settings included)', async () => {
      const undeclared = menuPermissions().filter((p) => !isKnownPermission(p));
      expect(undeclared).toEqual([]);
      const res = await root.get('/api/v1/admin/me/menus').expect(200);
      expect(res.body).toEqual(JSON.parse(JSON.stringify(ADMIN_MENU)));
      const leaves = res.body.flatMap((n: { key: string; children?: { key: string }[] }) => (n.children ?? [n]).map((l) => l.key));
      expect(leaves).toEqual(expect.arrayContaining(['stock', 'after-sales', 'order-settings']));
    });

    it('gives every title in Chinese and in English whatever the Accept-Language', async () => {
      const zh = await root.get('/api/v1/admin/me/menus').expect(200);
      const en = await root.get('/api/v1/admin/me/menus').set('Accept-Language', 'en').expect(200);
      expect(en.body).toEqual(zh.body);
      expect(zh.body.find((n: { key: string }) => n.key === 'orders')).toMatchObject({ title: '订单', titleEn: 'Orders' });
    });

    it('shows an account only the pages of its permissions', async () => {
      const staff = await newStaff(['role:read']);
      expect((await staff.get('/api/v1/admin/me/menus').expect(200)).body).toEqual([
        {
          key: 'system',
          title: '员工与角色',
          titleEn: 'Staff & roles',
          icon: 'team',
          children: [{ key: 'roles', title: '角色', titleEn: 'Roles', path: '/system/roles', permission: 'role:read' }],
        },
      ]);
      const none = await newStaff([]);
      expect((await none.get('/api/v1/admin/me/menus').expect(200)).body).toEqual([]);
    });
  });

  describe('store scope', () => {
    beforeAll(async () => {
      await t.dataSource.query('CREATE TABLE probe_order (id INT PRIMARY KEY, store_id INT NULL)');
      await t.dataSource.query('INSERT INTO probe_order (id, store_id) VALUES (1, 1), (2, 2), (3, 3), (4, NULL)');
    });

    it('lets an all-store account see everything', async () => {
      const staff = await newStaff(['probe-order:read']);
      expect((await staff.get('/api/v1/admin/probe-orders').expect(200)).body).toEqual([1, 2, 3, 4]);
      await staff.get('/api/v1/admin/probe-orders/4').expect(200);
    });

    it('filters lists to the account stores and answers 404 outside them', async () => {
      const staff = await newStaff(['probe-order:read'], [1, 3]);
      expect((await staff.get('/api/v1/admin/probe-orders').expect(200)).body).toEqual([1, 3]);
      expect((await staff.get('/api/v1/admin/probe-orders/3').expect(200)).body).toEqual({ id: 3, storeId: 3 });
      const outside = await staff.get('/api/v1/admin/probe-orders/2').set('Accept-Language', 'en').expect(404);
      expect(outside.body).toMatchObject({ code: 'NOT_FOUND', message: 'Order not found' });
      await staff.get('/api/v1/admin/probe-orders/4').expect(404);
    });

    it('follows a change of scope on the next request', async () => {
      const staff = await newStaff(['probe-order:read'], [2]);
      expect((await staff.get('/api/v1/admin/probe-orders')).body).toEqual([2]);
      await root.patch(`/api/v1/admin/admins/${staff.id}`, { storeIds: null }).expect(200);
      expect((await staff.get('/api/v1/admin/probe-orders')).body).toEqual([1, 2, 3, 4]);
      await root.patch(`/api/v1/admin/admins/${staff.id}`, { storeIds: [3] }).expect(200);
      expect((await staff.get('/api/v1/admin/probe-orders')).body).toEqual([3]);
    });
  });

  describe('operation log', () => {
    it('records who did which write, on what, how it ended, from where, without secrets', async () => {
      const actor = await newStaff(['role:read', 'role:write']);
      const role = (await actor.post('/api/v1/admin/roles', { name: `Logged ${actor.id}`, permissions: ['role:read'] }).expect(201)).body;
      await actor.patch(`/api/v1/admin/roles/${role.id}`, { name: 'Super admin' }).expect(409);
      await root.patch(`/api/v1/admin/admins/${actor.id}`, { password: 'secret-new-pass-9' }).expect(200);
      const logs = await root.get(`/api/v1/admin/operation-logs?pageSize=100`).expect(200);
      const items = logs.body.items as Array<Record<string, any>>;
      const created = items.find((l) => l.staffId === actor.id && l.method === 'POST' && l.targetType === 'roles');
      expect(created).toMatchObject({
        username: actor.username,
        route: '/api/v1/admin/roles',
        path: '/api/v1/admin/roles',
        targetId: String(role.id),
        outcome: 'SUCCESS',
        statusCode: 201,
        errorCode: null,
        ip: expect.stringMatching(/127\.0\.0\.1/),
        requestId: expect.any(String),
        body: { name: `Logged ${actor.id}`, permissions: ['role:read'] },
        createdAt: expect.any(String),
      });
      const refused = items.find((l) => l.staffId === actor.id && l.method === 'PATCH');
      expect(refused).toMatchObject({ route: '/api/v1/admin/roles/:id', targetId: String(role.id), outcome: 'FAILURE', statusCode: 409, errorCode: 'ROLE_NAME_TAKEN' });
      const reset = items.find((l) => l.staffId === root.id && l.method === 'PATCH' && l.targetId === String(actor.id));
      expect(reset).toMatchObject({ targetType: 'admins', body: { password: '[redacted]' } });
      expect(JSON.stringify(logs.body)).not.toContain('secret-new-pass-9');
      expect(JSON.stringify(logs.body)).not.toContain(actor.password);
    });

    it('records logins, failed ones too, with the password redacted', async () => {
      await login(t, 'admin', 'a-wrong-password-7').expect(401);
      const res = await root.get('/api/v1/admin/operation-logs?targetType=auth&outcome=FAILURE&username=admin').expect(200);
      expect(res.body.items[0]).toMatchObject({ staffId: null, username: 'admin', route: '/api/v1/admin/auth/login', statusCode: 401, body: { username: 'admin', password: '[redacted]' } });
      expect(JSON.stringify(res.body)).not.toContain('a-wrong-password-7');
    });

    it('does not log reads or shopper writes', async () => {
      const before = (await root.get('/api/v1/admin/operation-logs')).body.total;
      await root.get('/api/v1/admin/roles').expect(200);
      const shopper = await asShopper(t);
      await shopper.patch('/api/v1/app/me', { nickname: 'quiet' }).expect(200);
      expect((await root.get('/api/v1/admin/operation-logs')).body.total).toBe(before);
    });

    it('filters by account, method, target, outcome and time, newest first, paginated', async () => {
      const actor = await newStaff(['role:read', 'role:write']);
      const since = new Date(Date.now() - 60_000).toISOString();
      for (let i = 0; i < 3; i++) await actor.post('/api/v1/admin/roles', { name: `Paged ${actor.id}-${i}`, permissions: [] }).expect(201);
      const page1 = await root.get(`/api/v1/admin/operation-logs?staffId=${actor.id}&method=POST&targetType=roles&outcome=SUCCESS&from=${since}&pageSize=2`).expect(200);
      expect(page1.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(page1.body.items.map((l: { body: { name: string } }) => l.body.name)).toEqual([`Paged ${actor.id}-2`, `Paged ${actor.id}-1`]);
      const page2 = await root.get(`/api/v1/admin/operation-logs?staffId=${actor.id}&method=POST&targetType=roles&page=2&pageSize=2`).expect(200);
      expect(page2.body.items.map((l: { body: { name: string } }) => l.body.name)).toEqual([`Paged ${actor.id}-0`]);
      const future = new Date(Date.now() + 3600_000).toISOString();
      expect((await root.get(`/api/v1/admin/operation-logs?staffId=${actor.id}&from=${future}`)).body.total).toBe(0);
      expect((await root.get(`/api/v1/admin/operation-logs?staffId=${actor.id}&to=${since}`)).body.total).toBe(0);
      await root.get('/api/v1/admin/operation-logs?from=yesterday').expect(400);
      await root.get('/api/v1/admin/operation-logs?outcome=MAYBE').expect(400);
    });

    it('requires operation-log:read', async () => {
      const staff = await newStaff(['role:read']);
      await staff.get('/api/v1/admin/operation-logs').expect(403);
      const auditor = await newStaff(['operation-log:read']);
      await auditor.get('/api/v1/admin/operation-logs').expect(200);
    });
  });
});

describe('access: login rate limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '3', RATE_LIMIT_SHOPPER_LOGIN_PER_IP_PER_MINUTE: '3', TRUST_PROXY: 'true' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const from = (ip: string, username: string, password = 'wrong-password-1') =>
    t.http().post('/api/v1/admin/auth/login').set('X-Forwarded-For', ip).send({ username, password });

  it('limits staff logins per IP, whatever the usernames', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await from('203.0.113.10', `someone-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await from('203.0.113.10', TEST_ADMIN.username, TEST_ADMIN.password).expect(429);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
    await from('203.0.113.11', TEST_ADMIN.username, TEST_ADMIN.password).expect(200);
  });

  it('limits staff logins per account, whatever the IPs', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await from(`198.51.100.${i + 1}`, 'target-account')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('limits shopper WeChat logins per IP before calling WeChat', async () => {
    t.wechat.resetCalls();
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const { code } = t.wechat.issueLoginCode();
      statuses.push((await t.http().post('/api/v1/app/auth/wechat-login').set('X-Forwarded-For', '192.0.2.50').send({ code })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(t.wechat.count('jscode2session')).toBe(3);
  });
});

describe('access: first super admin', () => {
  let t: TestApp;
  const noticeText = () => t.app.get(StartupNotices).render();

  beforeAll(async () => {
    t = await createTestApp({ env: { INIT_ADMIN_USERNAME: 'Owner', INIT_ADMIN_PASSWORD: '' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  // The process prints these notices after its start-up banner (startup.e2e-spec.ts spawns it).
  it('hands a random password to the start-up notices once when INIT_ADMIN_PASSWORD is unset, and it logs in', async () => {
    const match = /username: (\S+)\s+password: (\S+)/.exec(noticeText());
    expect(match).not.toBeNull();
    const [, username, password] = match!;
    expect(username).toBe('owner');
    expect(password.length).toBeGreaterThanOrEqual(16);
    const owner = await loginAdmin(t, 'owner', password);
    expect((await owner.get('/api/v1/admin/me')).body.isSuperAdmin).toBe(true);
  });

  it('does nothing more at a later start, once a staff account exists', async () => {
    const before = t.app.get(StartupNotices).list().length;
    await t.app.get(SuperAdminBootstrap).onApplicationBootstrap();
    expect(t.app.get(StartupNotices).list()).toHaveLength(before);
    expect(await t.dataSource.getRepository(StaffAccountEntity).count()).toBe(1);
  });
});

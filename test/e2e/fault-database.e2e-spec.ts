import { createTestApp, TestApp, testBackends } from '../support/app-factory';
import { ApiClient, asSuperAdmin } from '../support/clients';
import { eventually } from '../support/eventually';
import { TcpProxy } from '../support/tcp-proxy';

/**
 * The database restarts under a running server: the app reaches MariaDB through a TCP proxy of
 * its own, which the test cuts (every connection dropped, new ones refused) and restores. Requests
 * answer 503 SERVICE_UNAVAILABLE in the error shape while it is away, health says the database is
 * down, and the same server recovers by itself. (An embedded SQLite file cannot go away, so this
 * runs on MariaDB only.)
 */
const mysql = testBackends().mysql;
(mysql ? describe : describe.skip)('the database restarts under a running server (on MariaDB)', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    const server = new URL(mysql!.replace(/^mariadb:/, 'mysql:'));
    proxy = await TcpProxy.start({ host: server.hostname, port: Number(server.port || 3306) });
    t = await createTestApp({
      mapDatabaseUrl: (url) => {
        const viaProxy = new URL(url);
        viaProxy.hostname = '127.0.0.1';
        viaProxy.port = String(proxy.port);
        return viaProxy.toString();
      },
    });
    admin = await asSuperAdmin(t);
  }, 30_000);
  afterAll(async () => {
    await proxy?.restore().catch(() => undefined);
    await t?.close();
    await proxy?.stop();
  });

  it('answers 503 while the database is away and recovers without a restart', async () => {
    await admin.post('/api/v1/admin/categories', { name: 'Before' }).expect(201);

    await proxy.cut();

    const health = await t.http().get('/health').expect(503);
    expect(health.body).toMatchObject({ status: 'error', checks: { database: 'down' } });
    for (const req of [() => admin.get('/api/v1/admin/categories'), () => admin.post('/api/v1/admin/categories', { name: 'During' }), () => t.http().get('/api/v1/app/products')]) {
      const started = Date.now();
      const res = await req();
      expect({ status: res.status, body: res.body }).toEqual({
        status: 503,
        body: { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: expect.any(String), requestId: expect.any(String) },
      });
      expect(Date.now() - started).toBeLessThan(5000);
    }

    await proxy.restore();

    await eventually(async () => expect((await t.http().get('/health')).status).toBe(200), 15_000);
    await admin.post('/api/v1/admin/categories', { name: 'After' }).expect(201);
    const names = (await admin.get('/api/v1/admin/categories').expect(200)).body.map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['Before', 'After']));
    expect(names).not.toContain('During');
  }, 45_000);
});

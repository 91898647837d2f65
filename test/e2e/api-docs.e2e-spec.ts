import { createTestApp, TestApp } from '../support/app-factory';
import { DOCS_PAGES, pageAssets } from '../support/docs-pages';

/**
 * The documentation pages work over plain HTTP on any host name, not only on localhost, where
 * browsers forgive `upgrade-insecure-requests`: on shop.example.com that directive makes the browser
 * fetch every script over https, which this server does not speak, and the page stays blank.
 */
describe('api docs pages over plain HTTP on a public host name', () => {
  let t: TestApp;
  const HOST = 'shop.example.com';

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(DOCS_PAGES)('serves %s with a CSP that does not upgrade its requests to https', async (path) => {
    const res = await t.http().get(path).set('Host', HOST).expect(200);
    expect(res.type).toBe('text/html');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it.each(DOCS_PAGES)('serves every script and stylesheet %s loads, from this server', async (path) => {
    const html = (await t.http().get(path).set('Host', HOST).expect(200)).text;
    const assets = pageAssets(path, html);
    expect(assets.filter((a) => a.endsWith('.js')).length).toBeGreaterThanOrEqual(1);
    for (const asset of assets) {
      const res = await t.http().get(asset).set('Host', HOST);
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
      if (asset.endsWith('.js')) {
        expect(res.type).toMatch(/javascript/);
        expect(Number(res.headers['content-length'] ?? res.text.length)).toBeGreaterThan(1000);
      }
    }
  });
});

/**
 * Login limits. Shoppers in China share IPs behind carrier NAT, so a shopper login is limited per
 * code and per openid, with a much larger per-IP budget; staff keep their per-IP and per-account limits.
 */
import { loadConfig } from '../../src/config/app-config';
import { createTestApp, TEST_ADMIN, TestApp } from '../support/app-factory';

describe('login rate limits', () => {
  let t: TestApp;
  const NAT_IP = '100.64.0.10';

  beforeAll(async () => {
    t = await createTestApp({
      env: { RATE_LIMIT_LOGIN_PER_MINUTE: '10', RATE_LIMIT_SHOPPER_LOGIN_PER_IP_PER_MINUTE: '40', TRUST_PROXY: 'true' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const shopperLogin = (code: string, ip = NAT_IP) => t.http().post('/api/v1/app/auth/wechat-login').set('X-Forwarded-For', ip).send({ code });
  const staffLogin = (ip: string, username: string, password = 'wrong-password-1') =>
    t.http().post('/api/v1/admin/auth/login').set('X-Forwarded-For', ip).send({ username, password });

  it('lets many different shoppers behind one NAT address log in, up to the per-IP budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await shopperLogin(t.wechat.issueLoginCode().code)).status);
    expect(statuses).toEqual(Array(40).fill(200));
    const limited = await shopperLogin(t.wechat.issueLoginCode().code).expect(429);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
  });

  it('has a default per-IP shopper budget far above the staff limit', () => {
    const { RATE_LIMIT_LOGIN_PER_MINUTE: _staff, RATE_LIMIT_SHOPPER_LOGIN_PER_IP_PER_MINUTE: _shopper, ...env } = t.env;
    const config = loadConfig(env);
    expect(config.rateLimit.loginPerMinute).toBe(10);
    expect(config.rateLimit.shopperLoginPerIpPerMinute).toBe(600);
  });

  it('limits attempts with one code, before WeChat is asked again', async () => {
    t.wechat.resetCalls();
    const { code } = t.wechat.issueLoginCode();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await shopperLogin(code, `198.18.0.${i + 1}`)).status);
    // The first use logs in, WeChat refuses the reused code (401), and past the limit WeChat is spared.
    expect(statuses).toEqual([200, ...Array(9).fill(401), 429, 429]);
    expect(t.wechat.count('jscode2session')).toBe(10);
  });

  it('limits logins of one shopper (openid), whatever the IPs', async () => {
    const openid = 'o-rate-limited-shopper';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await shopperLogin(t.wechat.issueLoginCode({ openid }).code, `198.19.0.${i + 1}`)).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
    await shopperLogin(t.wechat.issueLoginCode().code, '198.19.0.99').expect(200);
  });

  it('keeps limiting staff logins per IP and per account', async () => {
    const perIp: number[] = [];
    for (let i = 0; i < 11; i++) perIp.push((await staffLogin(NAT_IP, `nobody-${i}`)).status);
    expect(perIp).toEqual([...Array(10).fill(401), 429]);
    await staffLogin(NAT_IP, TEST_ADMIN.username, TEST_ADMIN.password).expect(429);
    await staffLogin('203.0.113.77', TEST_ADMIN.username, TEST_ADMIN.password).expect(200);
    const perAccount: number[] = [];
    for (let i = 0; i < 11; i++) perAccount.push((await staffLogin(`192.0.2.${i + 1}`, 'target-account')).status);
    expect(perAccount).toEqual([...Array(10).fill(401), 429]);
  });
});

import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to embedded SQLite, in-process jobs and port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toMatchObject({ type: 'better-sqlite3', migrationsRun: true });
    expect(config.database.type === 'better-sqlite3' && config.database.path).toMatch(/data\/shop\.sqlite$/);
    expect(config.redis).toBeNull();
    expect(config.jwt.secretGenerated).toBe(true);
    expect(config.wechat.apiBase).toBe('https://api.weixin.qq.com');
    expect(config.wechatPay.apiBase).toBe('https://api.mch.weixin.qq.com');
  });

  it('reads MySQL and Redis URLs', () => {
    const config = loadConfig({ DATABASE_URL: 'mysql://u:p@db:3306/shop', REDIS_URL: 'redis://cache:6379/0' });
    expect(config.database).toMatchObject({ type: 'mysql', url: 'mysql://u:p@db:3306/shop' });
    expect(config.redis).toEqual({ url: 'redis://cache:6379/0', keyPrefix: 'shop' });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'postgres://x/y'],
    ['DATABASE_URL', 'mysql://host-without-db'],
    ['REDIS_URL', 'http://cache'],
    ['JWT_SECRET', 'short'],
    ['WECHAT_API_BASE', 'not a url'],
    ['WECHATPAY_API_BASE', 'https://api.mch.weixin.qq.com/'],
    ['WECHATPAY_APIV3_KEY', 'too-short'],
    ['WECHATPAY_PRIVATE_KEY', '/no/such/file.pem'],
    ['JOBS_PROCESS_IN_API', 'maybe'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['INIT_ADMIN_USERNAME', 'a b'],
    ['INIT_ADMIN_PASSWORD', 'short'],
    ['PASSWORD_HASH_COST', '9'],
    ['PASSWORD_HASH_COST', '21'],
    ['JOBS_LOCK_SECONDS', '0'],
    ['JOBS_LOCK_SECONDS', '1.5'],
    ['ORDER_MAX_PAY_AMOUNT', '2147483648'],
    ['ORDER_MAX_PAY_AMOUNT', '0'],
    ['ORDER_MAX_PAY_AMOUNT', '99.5'],
  ])('stops on a bad %s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration: ${name} `));
  });

  it('caps the pay amount of an order at WeChat Pay\'s 32-bit amount.total unless told less', () => {
    expect(loadConfig({}).orders.maxPayAmount).toBe(2_147_483_647);
    expect(loadConfig({ ORDER_MAX_PAY_AMOUNT: '2147483647' }).orders.maxPayAmount).toBe(2_147_483_647);
    expect(loadConfig({ ORDER_MAX_PAY_AMOUNT: '5000000' }).orders.maxPayAmount).toBe(5_000_000);
  });

  it('reads the first super admin in lower case, with no password meaning a random one', () => {
    expect(loadConfig({}).initAdmin).toEqual({ username: 'admin', password: null });
    expect(loadConfig({ INIT_ADMIN_USERNAME: 'Owner', INIT_ADMIN_PASSWORD: 'long-enough-1' }).initAdmin).toEqual({ username: 'owner', password: 'long-enough-1' });
    expect(loadConfig({}).passwordHashCost).toBe(15);
  });

  it('requires a long JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(32) }).jwt.secretGenerated).toBe(false);
  });

  it('accepts PEM text with escaped newlines', () => {
    const config = loadConfig({ WECHATPAY_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nabc\\n-----END PUBLIC KEY-----' });
    expect(config.wechatPay.publicKey).toBe('-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----');
  });
});

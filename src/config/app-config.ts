import { readFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';

/**
 * The whole typed configuration, parsed once from the environment at start.
 * A bad value stops the process with one line naming the variable (see ConfigError).
 */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  database: DatabaseConfig;
  redis: RedisConfig | null;
  jwt: { secret: string; secretGenerated: boolean; accessTtlSeconds: number; refreshTtlSeconds: number };
  initAdmin: { username: string; password: string | null };
  /** scrypt cost of staff password hashes, as log2(N) (15: 32 MiB, about a quarter second). */
  passwordHashCost: number;
  http: { corsOrigins: string[] | true; bodyLimit: string; trustProxy: boolean };
  rateLimit: { perMinute: number; loginPerMinute: number; shopperLoginPerIpPerMinute: number };
  jobs: { processInApi: boolean; sweepIntervalSeconds: number; lockSeconds: number };
  /** Largest pay amount of one order, fen (ORDER_MAX_PAY_AMOUNT); never above WECHATPAY_MAX_AMOUNT. */
  orders: { maxPayAmount: number };
  log: { level: string; pretty: boolean };
  wechat: { appId: string; secret: string; apiBase: string };
  wechatPay: {
    mchId: string;
    serialNo: string;
    privateKey: string;
    apiV3Key: string;
    publicKey: string;
    publicKeyId: string;
    apiBase: string;
    notifyBaseUrl: string;
  };
  sf: { partnerId: string; checkWord: string; apiBase: string };
  media: { dir: string; publicBaseUrl: string; maxImageBytes: number; maxVideoBytes: number };
}

export type DatabaseConfig =
  | { type: 'mysql'; url: string; migrationsRun: boolean; poolSize: number }
  | { type: 'better-sqlite3'; path: string; migrationsRun: boolean };

export interface RedisConfig {
  url: string;
  keyPrefix: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

/** WeChat Pay's `amount.total` is a 32-bit signed integer of fen: no order may cost more. */
export const WECHATPAY_MAX_AMOUNT = 2_147_483_647;

function str(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function baseUrl(env: Env, name: string, fallback: string): string {
  const value = str(env, name, fallback);
  if (value === '') return value;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `must be an absolute http(s) URL, got "${value}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(name, `must be an http(s) URL, got "${value}"`);
  }
  if (value.endsWith('/')) throw new ConfigError(name, 'must be given without a trailing slash');
  return value;
}

/** PEM text, or a path to a file holding it. */
function pem(env: Env, name: string): string {
  const raw = str(env, name, '');
  if (raw === '' || raw.includes('-----BEGIN')) return raw.replace(/\\n/g, '\n');
  if (!existsSync(raw)) throw new ConfigError(name, `is neither PEM text nor a readable file: "${raw}"`);
  return readFileSync(raw, 'utf8');
}

function parseDatabase(env: Env): DatabaseConfig {
  const url = str(env, 'DATABASE_URL', 'sqlite:data/shop.sqlite');
  const migrationsRun = bool(env, 'DATABASE_MIGRATIONS_RUN', true);
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    try {
      const parsed = new URL(url.replace(/^mariadb:/, 'mysql:'));
      if (!parsed.pathname || parsed.pathname === '/') throw new Error('no database');
    } catch {
      throw new ConfigError('DATABASE_URL', 'must look like mysql://user:pass@host:3306/dbname');
    }
    return {
      type: 'mysql',
      url: url.replace(/^mariadb:/, 'mysql:'),
      migrationsRun,
      poolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 500),
    };
  }
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (!path) throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:data/shop.sqlite');
    return {
      type: 'better-sqlite3',
      path: path === ':memory:' || isAbsolute(path) ? path : resolve(process.cwd(), path),
      migrationsRun,
    };
  }
  throw new ConfigError('DATABASE_URL', `must start with mysql:// or sqlite:, got "${url.split(':')[0]}:"`);
}

function parseRedis(env: Env): RedisConfig | null {
  const url = str(env, 'REDIS_URL', '');
  if (!url) return null;
  if (!/^rediss?:\/\//.test(url)) throw new ConfigError('REDIS_URL', 'must start with redis:// or rediss://');
  const keyPrefix = str(env, 'REDIS_KEY_PREFIX', 'shop');
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(keyPrefix)) {
    throw new ConfigError('REDIS_KEY_PREFIX', 'must be 1..64 characters of letters, digits, _ . -');
  }
  return { url, keyPrefix };
}

function parseInitAdmin(env: Env): AppConfig['initAdmin'] {
  const username = str(env, 'INIT_ADMIN_USERNAME', 'admin');
  if (!/^[A-Za-z0-9_.-]{3,32}$/.test(username)) {
    throw new ConfigError('INIT_ADMIN_USERNAME', 'must be 3..32 characters of letters, digits, _ . -');
  }
  const password = str(env, 'INIT_ADMIN_PASSWORD', '') || null;
  if (password !== null && (password.length < 8 || password.length > 128)) {
    throw new ConfigError('INIT_ADMIN_PASSWORD', 'must be 8..128 characters (or unset for a random one)');
  }
  return { username: username.toLowerCase(), password };
}

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnvRaw = str(env, 'NODE_ENV', 'development');
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError('NODE_ENV', `must be development, production or test, got "${nodeEnvRaw}"`);
  }
  const nodeEnv = nodeEnvRaw as AppConfig['nodeEnv'];

  const jwtSecret = str(env, 'JWT_SECRET', '');
  if (nodeEnv === 'production' && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be set to at least 32 characters in production');
  }
  if (jwtSecret && jwtSecret.length < 16) throw new ConfigError('JWT_SECRET', 'must be at least 16 characters');

  const cors = str(env, 'CORS_ORIGINS', '*');
  const logLevel = str(env, 'LOG_LEVEL', nodeEnv === 'test' ? 'silent' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  const bodyLimit = str(env, 'HTTP_BODY_LIMIT', '1mb');
  if (!/^\d+(kb|mb)$/i.test(bodyLimit)) throw new ConfigError('HTTP_BODY_LIMIT', 'must look like 512kb or 1mb');

  const port = int(env, 'PORT', 3000, 0, 65535);
  return {
    nodeEnv,
    port,
    database: parseDatabase(env),
    redis: parseRedis(env),
    jwt: {
      // Without JWT_SECRET (development only) tokens are signed with a per-process random key,
      // so they simply stop working after a restart.
      secret: jwtSecret || randomBytes(32).toString('hex'),
      secretGenerated: !jwtSecret,
      accessTtlSeconds: int(env, 'JWT_ACCESS_TTL_SECONDS', 7200, 60, 86400),
      refreshTtlSeconds: int(env, 'JWT_REFRESH_TTL_SECONDS', 30 * 86400, 3600, 365 * 86400),
    },
    initAdmin: parseInitAdmin(env),
    passwordHashCost: int(env, 'PASSWORD_HASH_COST', 15, 10, 20),
    http: {
      corsOrigins: cors === '*' ? true : cors.split(',').map((o) => o.trim()).filter(Boolean),
      bodyLimit,
      trustProxy: bool(env, 'TRUST_PROXY', false),
    },
    rateLimit: {
      perMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 6000, 1, 10_000_000),
      loginPerMinute: int(env, 'RATE_LIMIT_LOGIN_PER_MINUTE', 10, 1, 100_000),
      // Shoppers behind carrier NAT share an IP; their logins are limited per code and openid too.
      shopperLoginPerIpPerMinute: int(env, 'RATE_LIMIT_SHOPPER_LOGIN_PER_IP_PER_MINUTE', 600, 1, 10_000_000),
    },
    jobs: {
      processInApi: bool(env, 'JOBS_PROCESS_IN_API', true),
      sweepIntervalSeconds: int(env, 'JOBS_SWEEP_INTERVAL_SECONDS', 60, 1, 86400),
      // Bull: a running job's lock lasts this long (renewed at half of it) and stalled jobs are looked
      // for this often, so a job whose worker died is retried within about twice this time.
      lockSeconds: int(env, 'JOBS_LOCK_SECONDS', 30, 1, 3600),
    },
    orders: { maxPayAmount: int(env, 'ORDER_MAX_PAY_AMOUNT', WECHATPAY_MAX_AMOUNT, 1, WECHATPAY_MAX_AMOUNT) },
    log: { level: logLevel, pretty: bool(env, 'LOG_PRETTY', Boolean(process.stdout.isTTY)) },
    wechat: {
      appId: str(env, 'WECHAT_APPID', ''),
      secret: str(env, 'WECHAT_SECRET', ''),
      apiBase: baseUrl(env, 'WECHAT_API_BASE', 'https://api.weixin.qq.com'),
    },
    wechatPay: {
      mchId: str(env, 'WECHATPAY_MCHID', ''),
      serialNo: str(env, 'WECHATPAY_SERIAL_NO', ''),
      privateKey: pem(env, 'WECHATPAY_PRIVATE_KEY'),
      apiV3Key: (() => {
        const key = str(env, 'WECHATPAY_APIV3_KEY', '');
        if (key && Buffer.byteLength(key) !== 32) throw new ConfigError('WECHATPAY_APIV3_KEY', 'must be exactly 32 bytes');
        return key;
      })(),
      publicKey: pem(env, 'WECHATPAY_PUBLIC_KEY'),
      publicKeyId: str(env, 'WECHATPAY_PUBLIC_KEY_ID', ''),
      apiBase: baseUrl(env, 'WECHATPAY_API_BASE', 'https://api.mch.weixin.qq.com'),
      notifyBaseUrl: baseUrl(env, 'WECHATPAY_NOTIFY_BASE_URL', `http://localhost:${port}`),
    },
    sf: {
      partnerId: str(env, 'SF_PARTNER_ID', ''),
      checkWord: str(env, 'SF_CHECK_WORD', ''),
      apiBase: baseUrl(env, 'SF_API_BASE', 'https://sfapi.sf-express.com'),
    },
    media: {
      dir: resolve(process.cwd(), str(env, 'MEDIA_DIR', 'data/media')),
      publicBaseUrl: baseUrl(env, 'MEDIA_PUBLIC_BASE_URL', `http://localhost:${port}/media`),
      maxImageBytes: int(env, 'MEDIA_MAX_IMAGE_BYTES', 5 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      maxVideoBytes: int(env, 'MEDIA_MAX_VIDEO_BYTES', 50 * 1024 * 1024, 1024, 4 * 1024 * 1024 * 1024),
    },
  };
}

/** Nest injection token for the AppConfig object. */
export const APP_CONFIG = Symbol('APP_CONFIG');

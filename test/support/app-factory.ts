import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../../src/app';
import { AppModuleOptions } from '../../src/app.module';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { createScratchMysqlDatabase } from '../../scripts/scratch-mysql';
import { getFreePort } from './ports';
import { WechatSimulator } from './wechat-simulator';
import { WechatPaySimulator } from './wechatpay-simulator';

export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';

/** The super admin every test app bootstraps (INIT_ADMIN_USERNAME / INIT_ADMIN_PASSWORD). */
export const TEST_ADMIN = { username: 'admin', password: 'Test-Admin-Passw0rd' } as const;

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  /** The environment the app was configured from (e.g. to start a worker process on the same stores). */
  env: Record<string, string>;
  dataSource: DataSource;
  /** Base URL the app listens on (loopback), for simulators that call back. */
  baseUrl: string;
  http: () => ReturnType<typeof request>;
  /** The Redis key prefix of this app, when the run uses Redis. */
  redisPrefix: string | null;
  /** The WeChat API simulator this app talks to (WECHAT_API_BASE), started and stopped with it. */
  wechat: WechatSimulator;
  /** The WeChat Pay simulator (WECHATPAY_*), when the app was made with `wechatPay: true`. */
  wechatPay: WechatPaySimulator | null;
  close: () => Promise<void>;
}

export interface TestAppOptions extends AppModuleOptions {
  /** Extra environment for this app (e.g. simulator base URLs). */
  env?: Record<string, string>;
  /** Start a WeChat Pay simulator and configure the app as its merchant. */
  wechatPay?: boolean;
  /** Rewrites the scratch database URL the app connects to (e.g. through a TCP proxy a fault test cuts). */
  mapDatabaseUrl?: (url: string) => string;
}

/** Which stores this run uses: SQLite + in-process jobs by default, MariaDB + Redis when named. */
export function testBackends(): { mysql: string | null; redis: string | null } {
  return { mysql: process.env.TEST_DATABASE_URL || null, redis: process.env.TEST_REDIS_URL || null };
}

/**
 * Boots the real AppModule on a fresh database (a temporary SQLite file, or a scratch MariaDB
 * database created here and dropped on close) and its own Redis key prefix, listening on loopback.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const backends = testBackends();
  const cleanups: Array<() => Promise<void> | void> = [];
  let databaseUrl: string;
  if (backends.mysql) {
    const scratch = await createScratchMysqlDatabase(backends.mysql, 'shop_test');
    databaseUrl = scratch.url;
    cleanups.push(scratch.drop);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'shop-test-'));
    databaseUrl = `sqlite:${join(dir, 'shop.sqlite')}`;
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  }
  const redisPrefix = backends.redis ? `test_${process.pid}_${randomBytes(3).toString('hex')}` : null;
  if (backends.redis && redisPrefix) {
    cleanups.push(() => deleteRedisPrefix(backends.redis!, redisPrefix));
  }
  const wechat = await WechatSimulator.start();
  cleanups.push(() => wechat.stop());
  const port = await getFreePort();
  let wechatPay: WechatPaySimulator | null = null;
  if (options.wechatPay) {
    wechatPay = await new WechatPaySimulator({ appId: wechat.appId }).start();
    cleanups.push(() => wechatPay!.stop());
  }
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: String(port),
    DATABASE_URL: options.mapDatabaseUrl ? options.mapDatabaseUrl(databaseUrl) : databaseUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOG_PRETTY: 'false',
    MEDIA_DIR: join(mkdtempSync(join(tmpdir(), 'shop-media-')), 'media'),
    ...(backends.redis ? { REDIS_URL: backends.redis, REDIS_KEY_PREFIX: redisPrefix! } : {}),
    WECHAT_API_BASE: wechat.baseUrl,
    WECHAT_APPID: wechat.appId,
    WECHAT_SECRET: wechat.secret,
    INIT_ADMIN_USERNAME: TEST_ADMIN.username,
    INIT_ADMIN_PASSWORD: TEST_ADMIN.password,
    // Test files log many accounts in; the rate-limit test sets its own low limit.
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    RATE_LIMIT_SHOPPER_LOGIN_PER_IP_PER_MINUTE: '1000000',
    // Cheap password hashes keep account-heavy tests fast; the format and checks are the same.
    PASSWORD_HASH_COST: '10',
    ...(wechatPay ? wechatPay.appEnv({ notifyBaseUrl: `http://127.0.0.1:${port}` }) : {}),
    ...options.env,
  };
  const config = loadConfig(env);
  let app: INestApplication;
  try {
    app = await createHttpApp(config, options);
    await app.listen(port, '127.0.0.1');
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup();
    throw error;
  }
  const address = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    config,
    env,
    dataSource: app.get(DataSource),
    baseUrl,
    http: () => request(app.getHttpServer()),
    redisPrefix,
    wechat,
    wechatPay,
    close: async () => {
      await app.close();
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
}

async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

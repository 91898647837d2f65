/**
 * Starts the production shape on one scratch MariaDB database and one Redis key prefix: several
 * API processes that only enqueue jobs (JOBS_PROCESS_IN_API=false) and one worker, from the
 * compiled app (dist/), plus the WeChat Pay simulator they pay through.
 */
import { randomBytes } from 'node:crypto';
import { createPool } from 'mysql2/promise';
import { createScratchMysqlDatabase } from '../scripts/scratch-mysql';
import { getFreePort } from '../test/support/ports';
import { WechatPaySimulator } from '../test/support/wechatpay-simulator';
import type { Sql } from './flash-sale-core';
import { ADMIN, adminToken, Child, deleteRedisPrefix, JWT_SECRET, shopperToken, startNode, waitHealthy } from './harness';

export interface Cluster {
  apis: string[];
  sql: Sql;
  pay: WechatPaySimulator;
  adminToken: string;
  tokenFor: (shopperId: number) => string;
  children: Child[];
  stop: () => Promise<void>;
}

export async function startCluster(options: { mysqlServer: string; redisServer: string; apiProcesses: number; sweepIntervalSeconds: number }): Promise<Cluster> {
  const scratch = await createScratchMysqlDatabase(options.mysqlServer, 'shop_flash');
  const prefix = `flash_${process.pid}_${randomBytes(3).toString('hex')}`;
  const pay = await new WechatPaySimulator().start();
  const children: Child[] = [];
  const db = createPool({ uri: scratch.url, connectionLimit: 4, timezone: 'Z' });
  const stop = async () => {
    await Promise.all(children.map((c) => c.stop()));
    await db.end();
    await pay.stop();
    await scratch.drop();
    await deleteRedisPrefix(prefix);
  };
  try {
    const ports = await Promise.all(Array.from({ length: options.apiProcesses }, () => getFreePort()));
    const apis = ports.map((p) => `http://127.0.0.1:${p}`);
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      DATABASE_URL: scratch.url,
      REDIS_URL: options.redisServer,
      REDIS_KEY_PREFIX: prefix,
      JWT_SECRET,
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      RATE_LIMIT_PER_MINUTE: '10000000',
      INIT_ADMIN_USERNAME: ADMIN.username,
      INIT_ADMIN_PASSWORD: ADMIN.password,
      PASSWORD_HASH_COST: '10',
      JOBS_PROCESS_IN_API: 'false',
      JOBS_SWEEP_INTERVAL_SECONDS: String(options.sweepIntervalSeconds),
      ...pay.appEnv({ notifyBaseUrl: apis[0] }),
    };
    const started = Date.now();
    // All at once: the API processes race for the migration lock, as they would in a deployment.
    const apiChildren = ports.map((port, i) => startNode(`api-${i + 1}`, 'dist/src/main.js', { ...env, PORT: String(port) }));
    children.push(...apiChildren);
    await Promise.all(apiChildren.map((c, i) => waitHealthy(c, `${apis[i]}/health`, started, 90_000)));
    // Info level so that its "Worker started" line shows when it is ready.
    const worker = startNode('worker', 'dist/src/worker.js', { ...env, LOG_LEVEL: 'info' });
    children.push(worker);
    await waitForLine(worker, /Worker started/, 60_000);
    return {
      apis,
      sql: async <T>(query: string, params: unknown[] = []) => {
        const [rows] = await db.query(query, params);
        return rows as T[];
      },
      pay,
      adminToken: await adminToken(apis[0]),
      tokenFor: (id) => shopperToken(id),
      children,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForLine(child: Child, pattern: RegExp, timeoutMs: number): Promise<void> {
  const since = Date.now();
  while (!pattern.test(child.output())) {
    if (child.proc.exitCode !== null) throw new Error(`${child.name} exited (${child.proc.exitCode}):\n${child.output()}`);
    if (Date.now() - since > timeoutMs) throw new Error(`${child.name} did not start in ${timeoutMs} ms:\n${child.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

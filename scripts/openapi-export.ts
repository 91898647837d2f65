/**
 * Writes the OpenAPI document the running server serves to a file, for CI (lint, SDK generation):
 *   npm run build && node dist/scripts/openapi-export.js <out.json>
 * Boots the real app on a throwaway SQLite database with in-process jobs, listens on a free
 * loopback port, fetches GET /openapi.json over HTTP, and stops.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHttpApp } from '../src/app';
import { loadConfig } from '../src/config/app-config';

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: node dist/scripts/openapi-export.js <out.json>');
  const dir = mkdtempSync(join(tmpdir(), 'openapi-export-'));
  const config = loadConfig({
    NODE_ENV: 'development',
    PORT: '0',
    DATABASE_URL: `sqlite:${join(dir, 'shop.sqlite')}`,
    MEDIA_DIR: join(dir, 'media'),
    LOG_LEVEL: 'warn',
    LOG_PRETTY: 'false',
    JWT_SECRET: 'openapi-export-only-secret-0123456789abcdef',
    INIT_ADMIN_USERNAME: 'admin',
    INIT_ADMIN_PASSWORD: 'openapi-export-Passw0rd',
    PASSWORD_HASH_COST: '10',
  });
  const app = await createHttpApp(config);
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/openapi.json`);
    if (!res.ok) throw new Error(`GET /openapi.json answered ${res.status}`);
    const document = (await res.json()) as { paths?: Record<string, unknown> };
    writeFileSync(resolve(out), JSON.stringify(document, null, 2) + '\n');
    process.stdout.write(`Wrote ${resolve(out)} (${Object.keys(document.paths ?? {}).length} paths)\n`);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`openapi-export failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

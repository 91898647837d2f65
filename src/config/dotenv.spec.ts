import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDotEnv } from './dotenv';

describe('loadDotEnv', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dotenv-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the variables of .env in the directory into the environment', () => {
    writeFileSync(join(dir, '.env'), 'PORT=4100\nDATABASE_URL=sqlite:data/x.sqlite   # inline comment\nQUOTED="a b"\n');
    const env: NodeJS.ProcessEnv = {};
    const result = loadDotEnv(dir, env);
    expect(env).toEqual({ PORT: '4100', DATABASE_URL: 'sqlite:data/x.sqlite', QUOTED: 'a b' });
    expect(result.file).toBe(join(dir, '.env'));
    expect([...result.applied].sort()).toEqual(['DATABASE_URL', 'PORT', 'QUOTED']);
  });

  it('lets real environment variables win, empty ones included', () => {
    writeFileSync(join(dir, '.env'), 'PORT=4100\nLOG_LEVEL=debug\nJWT_SECRET=from-the-file-0123456789\n');
    const env: NodeJS.ProcessEnv = { PORT: '5000', LOG_LEVEL: '' };
    const result = loadDotEnv(dir, env);
    expect(env).toEqual({ PORT: '5000', LOG_LEVEL: '', JWT_SECRET: 'from-the-file-0123456789' });
    expect(result.applied).toEqual(['JWT_SECRET']);
  });

  it('does nothing when the directory holds no .env', () => {
    const env: NodeJS.ProcessEnv = { PORT: '5000' };
    expect(loadDotEnv(dir, env)).toEqual({ file: null, applied: [] });
    expect(env).toEqual({ PORT: '5000' });
  });
});

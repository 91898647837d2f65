import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getFreePort } from '../support/ports';

/** The real built server (`npm run build`, then node dist/src/main.js), started as a user would. */
const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');
const baseEnv = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_PRETTY: 'false', LOG_LEVEL: 'info' });

/** Runs the server in `cwd` until its banner (or exit), then stops it; returns what it printed. */
function runUntilBanner(cwd: string, env: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += String(c);
      // Give it a moment after the banner: anything logged later would show up here.
      if (stdout.includes('Shop API ready')) setTimeout(() => child.kill('SIGTERM'), 1500);
    });
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.on('exit', (code) => resolve({ stdout, stderr, code }));
  });
}

describe('starting the built server', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(MAIN) || !existsSync(join(ROOT, 'dist', 'docs-assets'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    dir = mkdtempSync(join(tmpdir(), 'shop-start-'));
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads .env from the working directory, real variables win, and prints the banner and one-time password last', async () => {
    const port = await getFreePort();
    writeFileSync(join(dir, '.env'), `PORT=${port}\nDATABASE_URL=sqlite:${join(dir, 'a.sqlite')}\nMEDIA_DIR=${join(dir, 'media')}\nINIT_ADMIN_USERNAME=fromdotenv\n`);
    const { stdout } = await runUntilBanner(dir, { ...baseEnv(), INIT_ADMIN_USERNAME: 'fromenv' });
    expect(stdout).toContain(`http://localhost:${port}/health`);
    expect(stdout).toMatch(/username: fromenv\s+password: \S{16,}/);
    expect(stdout).not.toContain('Mapped {');
    const bannerAt = stdout.indexOf('Shop API ready');
    expect(stdout.indexOf('successfully started')).toBeLessThan(bannerAt);
    // Nothing but the banner and the notice after the banner: no log line.
    expect(stdout.slice(bannerAt)).not.toContain('{"level"');
  }, 60_000);

  it('fails with one clear line and a non-zero exit when the port is taken, before it logs "started"', async () => {
    const port = await getFreePort();
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(port, '0.0.0.0', () => r()));
    try {
      const r = spawnSync(process.execPath, [MAIN], { cwd: dir, env: { ...baseEnv(), PORT: String(port), DATABASE_URL: `sqlite:${join(dir, 'b.sqlite')}` }, encoding: 'utf8', timeout: 30_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`Failed to start: Port ${port} is already in use; set PORT to another port\n`);
      expect(r.stdout).not.toContain('started');
    } finally {
      blocker.close();
    }
  }, 60_000);
});

import 'reflect-metadata';
import { createServer } from 'node:net';
import { createHttpApp } from './app';
import { loadConfigOrExit } from './bootstrap-config';
import { AppConfig } from './config/app-config';
import { StartupNotices } from './shared/logging/startup-notices';

const HOST = '0.0.0.0';

/** A start-up failure the operator can fix, told in one line without a stack. */
class StartupError extends Error {}

function portProblem(error: NodeJS.ErrnoException, port: number): StartupError | null {
  if (error.code === 'EADDRINUSE') return new StartupError(`Port ${port} is already in use; set PORT to another port`);
  if (error.code === 'EACCES') return new StartupError(`Port ${port} needs more privileges than this process has; set PORT to a port above 1023`);
  return null;
}

/**
 * Binds the port for a moment before anything starts (database, migrations, the first super admin),
 * so a taken port stops the process at once with one line instead of after the start-up logs.
 */
function assertPortFree(port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(portProblem(error, port) ?? error));
    probe.listen({ port, host: HOST, exclusive: true }, () => probe.close(() => resolve()));
  });
}

function banner(config: AppConfig, port: number, startedAt: number): string {
  const base = `http://localhost:${port}`;
  const db = config.database.type === 'mysql' ? 'MySQL' : `SQLite (${config.database.path})`;
  const jobs = config.redis ? (config.jobs.processInApi ? 'Bull on Redis' : 'Bull on Redis, run by workers') : 'in-process (no REDIS_URL)';
  return (
    [
      '',
      `  Shop API ready in ${Date.now() - startedAt} ms — database: ${db}; jobs: ${jobs}`,
      `  Health      ${base}/health`,
      `  API docs    ${base}/swagger-ui   ${base}/redoc   ${base}/rapidoc`,
      `  OpenAPI     ${base}/openapi.json`,
      config.jwt.secretGenerated ? '  Note: JWT_SECRET is unset; tokens are signed with a random key and end with this process.' : null,
      '',
    ]
      .filter((line) => line !== null)
      .join('\n') + '\n'
  );
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const startedAt = Date.now();
  await assertPortFree(config.port);
  const app = await createHttpApp(config);
  try {
    await app.listen(config.port, HOST);
  } catch (error) {
    // Taken in the moment between the probe and now.
    throw portProblem(error as NodeJS.ErrnoException, config.port) ?? error;
  }
  const port = (app.getHttpServer().address() as { port: number }).port;
  // Printed last, after every start-up log line, so the URLs and the one-time password stay on screen.
  const notices = app.get(StartupNotices).render();
  process.stdout.write(banner(config, port, startedAt) + (notices ? '\n' + notices : '') + '\n');
}

main().catch((error) => {
  if (error instanceof StartupError) {
    process.stderr.write(`Failed to start: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

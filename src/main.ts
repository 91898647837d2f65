import 'reflect-metadata';
import { createHttpApp } from './app';
import { loadConfigOrExit } from './bootstrap-config';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const started = Date.now();
  const app = await createHttpApp(config);
  await app.listen(config.port, '0.0.0.0');
  const base = `http://localhost:${config.port}`;
  const db = config.database.type === 'mysql' ? 'MySQL' : `SQLite (${config.database.path})`;
  const jobs = config.redis ? 'Bull on Redis' : 'in-process (no REDIS_URL)';
  process.stdout.write(
    [
      '',
      `  Shop API ready in ${Date.now() - started} ms — database: ${db}; jobs: ${jobs}`,
      `  Health      ${base}/health`,
      `  API docs    ${base}/swagger-ui   ${base}/redoc   ${base}/rapidoc`,
      `  OpenAPI     ${base}/openapi.json`,
      config.jwt.secretGenerated ? '  Note: JWT_SECRET is unset; tokens are signed with a random key and end with this process.' : '',
      '',
    ]
      .filter((l) => l !== '')
      .join('\n') + '\n\n',
  );
}

main().catch((error) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

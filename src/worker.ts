import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { loadConfigOrExit } from './bootstrap-config';
import { AppLogger } from './shared/logging/app-logger';
import { StartupNotices } from './shared/logging/startup-notices';

/** A process that only runs job processors (Bull on Redis); API processes may then only enqueue. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (!config.redis) {
    process.stderr.write('Invalid configuration: REDIS_URL must be set for a separate worker (without it the API runs jobs in-process)\n');
    process.exit(1);
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, { role: 'worker' }), { bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  app.enableShutdownHooks();
  await app.init();
  app.get(AppLogger).log('Worker started: processing jobs from Redis');
  // The worker may be the process that created the first super admin: its one-time password, last.
  const notices = app.get(StartupNotices).render();
  if (notices) process.stdout.write('\n' + notices + '\n');
}

main().catch((error) => {
  process.stderr.write(`Worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

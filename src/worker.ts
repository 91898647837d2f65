import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { loadConfigOrExit } from './bootstrap-config';
import { AppLogger } from './shared/logging/app-logger';

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
}

main().catch((error) => {
  process.stderr.write(`Worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

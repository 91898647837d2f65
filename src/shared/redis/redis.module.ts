import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { RedisConfig } from '../../config/app-config';

export const REDIS = Symbol('REDIS');

/** Holds the shared ioredis client (or null when REDIS_URL is unset) and closes it on shutdown. */
@Injectable()
export class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis) await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}

export function createRedisClient(config: RedisConfig, logger = new Logger('Redis')): Redis {
  const client = new Redis(config.url, {
    keyPrefix: `${config.keyPrefix}:`,
    // Fail fast while Redis is away (no offline queue: a command while disconnected fails at once
    // instead of waiting for reconnection attempts, which made every request seconds slower);
    // callers degrade.
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 3000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let lastError = 0;
  client.on('error', (err) => {
    if (Date.now() - lastError > 10_000) logger.warn(`Redis error: ${err.message}`);
    lastError = Date.now();
  });
  return client;
}

@Global()
@Module({})
export class RedisModule {
  static forRoot(config: RedisConfig | null): DynamicModule {
    return {
      module: RedisModule,
      providers: [{ provide: REDIS, useFactory: () => (config ? createRedisClient(config) : null) }, RedisLifecycle],
      exports: [REDIS],
    };
  }
}

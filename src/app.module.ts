import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import Redis from 'ioredis';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { entities } from './entities';
import { businessModules } from './modules';
import { AuthModule } from './shared/auth/auth.module';
import { HealthModule } from './shared/health/health.module';
import { JobsModule, ProcessRole } from './shared/jobs/jobs.module';
import { LoggingModule } from './shared/logging/logging.module';
import { REDIS, RedisModule } from './shared/redis/redis.module';
import { SettingsModule } from './shared/settings/settings.module';
import { RedisThrottlerStorage } from './shared/throttle/redis-throttler.storage';

export interface AppModuleOptions {
  role?: ProcessRole;
  /** Extra modules (tests mount probe controllers this way). */
  extraModules?: Array<DynamicModule | Function>;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    const role = options.role ?? 'api';
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        DatabaseModule.forRoot(config.database, entities),
        RedisModule.forRoot(config.redis),
        JobsModule.forRoot(config, role),
        EventEmitterModule.forRoot({ wildcard: false, ignoreErrors: false }),
        ThrottlerModule.forRootAsync({
          inject: [REDIS],
          useFactory: (redis: Redis | null) => ({
            throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimit.perMinute }],
            storage: redis ? new RedisThrottlerStorage(redis) : undefined,
          }),
        }),
        AuthModule.forRoot(config),
        SettingsModule,
        HealthModule,
        ...businessModules,
        ...((options.extraModules ?? []) as DynamicModule[]),
      ],
      providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
    };
  }
}

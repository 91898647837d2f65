import { BullModule, getQueueToken } from '@nestjs/bull';
import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from '../../config/app-config';
import { BullJobQueue, JOBS_QUEUE_NAME } from './bull-job-queue';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobQueue } from './job-queue';

export type ProcessRole = 'api' | 'worker';

@Global()
@Module({})
export class JobsModule {
  static forRoot(config: AppConfig, role: ProcessRole): DynamicModule {
    if (!config.redis) {
      return { module: JobsModule, providers: [{ provide: JobQueue, useClass: InProcessJobQueue }], exports: [JobQueue] };
    }
    const { url, keyPrefix } = config.redis;
    const processing = role === 'worker' || config.jobs.processInApi;
    return {
      module: JobsModule,
      imports: [
        BullModule.forRoot({
          prefix: `${keyPrefix}:bull`,
          // Bull owns (and closes) connections it makes itself from the URL.
          redis: url,
        }),
        BullModule.registerQueue({
          name: JOBS_QUEUE_NAME,
          // A job whose worker died (its lock expired) is found by the next stalled check and retried.
          settings: { lockDuration: config.jobs.lockSeconds * 1000, stalledInterval: config.jobs.lockSeconds * 1000 },
        }),
      ],
      providers: [
        {
          provide: JobQueue,
          inject: [getQueueToken(JOBS_QUEUE_NAME)],
          useFactory: (queue: Queue) => new BullJobQueue(queue, processing),
        },
      ],
      exports: [JobQueue],
    };
  }
}

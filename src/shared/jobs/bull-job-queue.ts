import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { EnqueueOptions, JOB_DEFAULTS, JobHandler, JobQueue } from './job-queue';

export const JOBS_QUEUE_NAME = 'jobs';
const ENQUEUE_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

/**
 * Jobs on one Bull queue in Redis, dispatched to processors by job name. API processes may only
 * enqueue (JOBS_PROCESS_IN_API=false) while `npm run start:worker` processes.
 */
@Injectable()
export class BullJobQueue extends JobQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly handlers = new Map<string, JobHandler<any>>();
  private readonly repeats: Array<{ name: string; intervalMs: number }> = [];

  constructor(
    private readonly queue: Queue,
    readonly processing: boolean,
    private readonly concurrency = 8,
  ) {
    super();
  }

  register<T>(name: string, handler: JobHandler<T>): void {
    if (this.handlers.has(name)) throw new Error(`Job "${name}" already has a processor`);
    this.handlers.set(name, handler);
  }

  async enqueue<T>(name: string, payload: T, options: EnqueueOptions = {}): Promise<boolean> {
    if (['reconnecting', 'close', 'end'].includes(this.queue.client.status)) {
      // Redis is away: do not make the request wait for the timeout; the sweep backs the job up.
      this.logger.warn(`Could not enqueue "${name}" (${options.jobId ?? 'no id'}): Redis is ${this.queue.client.status}; the sweep will catch it`);
      return false;
    }
    try {
      await withTimeout(
        this.queue.add(name, payload, {
          jobId: options.jobId,
          delay: options.delayMs,
          attempts: options.attempts ?? JOB_DEFAULTS.attempts,
          backoff: { type: 'exponential', delay: options.backoffMs ?? JOB_DEFAULTS.backoffMs },
          removeOnComplete: true,
          removeOnFail: 1000,
        }),
        ENQUEUE_TIMEOUT_MS,
      );
      return true;
    } catch (error) {
      this.logger.warn(`Could not enqueue "${name}" (${options.jobId ?? 'no id'}): ${(error as Error).message}; the sweep will catch it`);
      return false;
    }
  }

  every(name: string, intervalMs: number): void {
    this.repeats.push({ name, intervalMs });
  }

  async health(): Promise<'up' | 'down'> {
    try {
      const client = await withTimeout(this.queue.client.ping(), 1000);
      return client === 'PONG' ? 'up' : 'down';
    } catch {
      return 'down';
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const { name, intervalMs } of this.repeats) {
      // Same repeat key on every process and restart: Bull keeps a single schedule.
      await withTimeout(
        this.queue.add(name, {}, { repeat: { every: intervalMs }, jobId: `every:${name}`, removeOnComplete: true, removeOnFail: 100, attempts: 1 }),
        5000,
      ).catch((e) => this.logger.warn(`Could not schedule sweep "${name}": ${(e as Error).message}`));
    }
    if (!this.processing) return;
    void this.queue.process('*', this.concurrency, (job: Job) => this.dispatch(job)).catch((e) =>
      this.logger.error(`Queue processing stopped: ${(e as Error).message}`),
    );
  }

  private async dispatch(job: Job): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`No processor for job "${job.name}"`);
    await handler(job.data, { jobId: String(job.id), attempt: job.attemptsMade + 1 });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }
}

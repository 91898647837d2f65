import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EnqueueOptions, JOB_DEFAULTS, JobHandler, JobQueue } from './job-queue';

/**
 * Jobs as timers inside this process (no Redis). Nothing survives a restart, which is why every
 * delayed job is also backed up by a periodic sweep.
 */
@Injectable()
export class InProcessJobQueue extends JobQueue implements OnApplicationShutdown {
  readonly processing = true;
  private readonly logger = new Logger('Jobs');
  private readonly handlers = new Map<string, JobHandler<any>>();
  private readonly waiting = new Map<string, NodeJS.Timeout>();
  private readonly intervals: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  register<T>(name: string, handler: JobHandler<T>): void {
    if (this.handlers.has(name)) throw new Error(`Job "${name}" already has a processor`);
    this.handlers.set(name, handler);
  }

  async enqueue<T>(name: string, payload: T, options: EnqueueOptions = {}): Promise<boolean> {
    if (this.closed) return false;
    const jobId = options.jobId ?? randomUUID();
    if (this.waiting.has(jobId)) return true;
    this.schedule(name, payload, jobId, 1, options.delayMs ?? 0, options);
    return true;
  }

  every(name: string, intervalMs: number): void {
    const timer = setInterval(() => void this.enqueue(name, {}, { jobId: `every:${name}`, attempts: 1 }), intervalMs);
    timer.unref();
    this.intervals.push(timer);
  }

  async health(): Promise<'disabled'> {
    return 'disabled';
  }

  /** Waits for the jobs that are running now (tests use it to observe effects). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private schedule<T>(name: string, payload: T, jobId: string, attempt: number, delayMs: number, options: EnqueueOptions): void {
    const timer = setTimeout(() => {
      this.waiting.delete(jobId);
      const run = this.run(name, payload, jobId, attempt, options).finally(() => this.running.delete(run));
      this.running.add(run);
    }, Math.max(0, delayMs));
    timer.unref();
    this.waiting.set(jobId, timer);
  }

  private async run<T>(name: string, payload: T, jobId: string, attempt: number, options: EnqueueOptions): Promise<void> {
    const handler = this.handlers.get(name);
    if (!handler) {
      this.logger.error(`No processor for job "${name}" (${jobId})`);
      return;
    }
    try {
      await handler(payload, { jobId, attempt });
    } catch (error) {
      const attempts = options.attempts ?? JOB_DEFAULTS.attempts;
      const message = error instanceof Error ? error.message : String(error);
      if (attempt >= attempts || this.closed) {
        this.logger.error(`Job "${name}" (${jobId}) failed for good after ${attempt} attempt(s): ${message}`);
        return;
      }
      const backoff = (options.backoffMs ?? JOB_DEFAULTS.backoffMs) * 2 ** (attempt - 1);
      this.logger.warn(`Job "${name}" (${jobId}) attempt ${attempt} failed: ${message}; retrying in ${backoff} ms`);
      this.schedule(name, payload, jobId, attempt + 1, backoff, options);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.intervals.forEach(clearInterval);
    this.waiting.forEach(clearTimeout);
    this.waiting.clear();
    await this.drain();
  }
}

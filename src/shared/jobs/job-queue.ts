/** Options of one enqueued job. */
export interface EnqueueOptions {
  /** Run no sooner than this many milliseconds from now. */
  delayMs?: number;
  /** Deterministic id: while a job with this id is waiting, enqueueing it again does nothing. */
  jobId?: string;
  /** How many times to try in all (default 5). */
  attempts?: number;
  /** First retry delay; doubles each time (default 2 s). */
  backoffMs?: number;
}

export interface JobContext {
  jobId: string;
  attempt: number;
}

export type JobHandler<T = unknown> = (payload: T, ctx: JobContext) => Promise<void>;

export const JOB_DEFAULTS = { attempts: 5, backoffMs: 2000 } as const;

/**
 * The queue every module uses: register a processor by name, enqueue jobs by name, schedule
 * periodic sweeps. Payloads are small (ids); processors reload state and are idempotent.
 * Bull on Redis when REDIS_URL is set, in-process timers otherwise.
 */
export abstract class JobQueue {
  /** Registers the processor of a job name (call it in onModuleInit). */
  abstract register<T>(name: string, handler: JobHandler<T>): void;

  /**
   * Enqueues a job. Resolves false (and logs) when the queue cannot take it right now — callers
   * that must not lose the work back it up with a periodic sweep.
   */
  abstract enqueue<T>(name: string, payload: T, options?: EnqueueOptions): Promise<boolean>;

  /** Runs the job `name` (payload `{}`) every `intervalMs`, once across all processes. */
  abstract every(name: string, intervalMs: number): void;

  /** Whether this process runs processors (false in API processes that leave it to a worker). */
  abstract readonly processing: boolean;

  /** Health of the backing queue: 'up', 'down' or 'disabled' (in-process). */
  abstract health(): Promise<'up' | 'down' | 'disabled'>;
}

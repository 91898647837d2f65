import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';

// One round trip: count the hit, start the window on the first hit, answer hits and ms left.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { hits, ttl }
`;

export interface WindowCount {
  hits: number;
  msLeft: number;
}

export interface FixedWindowOptions {
  /** While Redis is unreachable: count in this process's memory, or count nothing (let through). */
  whenRedisFails: 'count-in-memory' | 'let-through';
  /** Names the counter in the warning logged when Redis fails. */
  name: string;
}

const MEMORY_SWEEP_AT = 50_000;

/**
 * The one rate-limit counter of the kernel: fixed windows per key, shared by every API process
 * through Redis when there is one, in this process's memory otherwise. The global throttler and
 * the login limits both count with it.
 */
export class FixedWindowCounter {
  private readonly logger: Logger;
  private readonly memory = new Map<string, { hits: number; resetAt: number }>();

  constructor(
    private readonly redis: Redis | null,
    private readonly options: FixedWindowOptions,
  ) {
    this.logger = new Logger(options.name);
  }

  /** Counts one hit on `key`; null when it could not be counted (Redis down, `let-through`). */
  async hit(key: string, windowMs: number): Promise<WindowCount | null> {
    if (this.redis) {
      try {
        const [hits, msLeft] = (await this.redis.eval(INCREMENT, 1, key, String(windowMs))) as [number, number];
        return { hits, msLeft };
      } catch (error) {
        this.logger.warn(`Rate limit ${this.options.whenRedisFails === 'let-through' ? 'skipped' : 'counted in memory'}, Redis unavailable: ${(error as Error).message}`);
        if (this.options.whenRedisFails === 'let-through') return null;
      }
    }
    return this.hitInMemory(key, windowMs);
  }

  private hitInMemory(key: string, windowMs: number): WindowCount {
    const now = Date.now();
    if (this.memory.size > MEMORY_SWEEP_AT) {
      for (const [k, v] of this.memory) if (v.resetAt <= now) this.memory.delete(k);
    }
    let entry = this.memory.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { hits: 0, resetAt: now + windowMs };
      this.memory.set(key, entry);
    }
    entry.hits += 1;
    return { hits: entry.hits, msLeft: entry.resetAt - now };
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { RateLimitedError } from '../../../shared/domain/domain-error';
import { REDIS } from '../../../shared/redis/redis.module';

const WINDOW_MS = 60_000;

// Count the hit and start the window on the first one; answer hits and milliseconds left.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { hits, ttl }
`;

/**
 * Fixed one-minute windows of login attempts, per client IP and per account
 * (RATE_LIMIT_LOGIN_PER_MINUTE each). Shared by every API process through Redis when configured;
 * in this process's memory otherwise (and while Redis is unreachable).
 */
@Injectable()
export class LoginRateLimiter {
  private readonly logger = new Logger('LoginRateLimiter');
  private readonly memory = new Map<string, { hits: number; resetAt: number }>();
  private readonly limit: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {
    this.limit = config.rateLimit.loginPerMinute;
  }

  /** Counts one attempt against each key; 429 RATE_LIMITED when any is over the limit. */
  async hit(keys: string[]): Promise<void> {
    for (const key of keys) {
      const { hits, msLeft } = await this.increment(`login:${key}`);
      if (hits > this.limit) {
        throw new RateLimitedError('Too many login attempts; try again later', { retryAfterSeconds: Math.max(1, Math.ceil(msLeft / 1000)) });
      }
    }
  }

  private async increment(key: string): Promise<{ hits: number; msLeft: number }> {
    if (this.redis) {
      try {
        const [hits, ttl] = (await this.redis.eval(INCREMENT, 1, key, String(WINDOW_MS))) as [number, number];
        return { hits, msLeft: ttl };
      } catch (error) {
        this.logger.warn(`Login rate limit counted in memory, Redis unavailable: ${(error as Error).message}`);
      }
    }
    const now = Date.now();
    if (this.memory.size > 50_000) {
      for (const [k, v] of this.memory) if (v.resetAt <= now) this.memory.delete(k);
    }
    let entry = this.memory.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { hits: 0, resetAt: now + WINDOW_MS };
      this.memory.set(key, entry);
    }
    entry.hits += 1;
    return { hits: entry.hits, msLeft: entry.resetAt - now };
  }
}

import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';

interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

// One round trip: count the hit, start the window on the first hit, report hits and time left.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { hits, ttl }
`;

/**
 * Rate-limit counters shared by every API process through Redis (fixed windows). When Redis is
 * unreachable the limiter lets requests through rather than taking the shop down with it.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('Throttler');

  constructor(private readonly redis: Redis) {}

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    try {
      const [hits, pttl] = (await this.redis.eval(INCREMENT, 1, `throttle:${throttlerName}:${key}`, String(ttl))) as [number, number];
      const timeToExpire = Math.ceil(pttl / 1000);
      return { totalHits: hits, timeToExpire, isBlocked: hits > limit, timeToBlockExpire: hits > limit ? timeToExpire : 0 };
    } catch (error) {
      this.logger.warn(`Rate limiting skipped, Redis unavailable: ${(error as Error).message}`);
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}

import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { FixedWindowCounter } from './fixed-window';

interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/**
 * Rate-limit counters shared by every API process through Redis (fixed windows). When Redis is
 * unreachable the limiter lets requests through rather than taking the shop down with it.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly counter: FixedWindowCounter;

  constructor(redis: Redis) {
    this.counter = new FixedWindowCounter(redis, { name: 'Throttler', whenRedisFails: 'let-through' });
  }

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const count = await this.counter.hit(`throttle:${throttlerName}:${key}`, ttl);
    if (!count) return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    const timeToExpire = Math.ceil(count.msLeft / 1000);
    const blocked = count.hits > limit;
    return { totalHits: count.hits, timeToExpire, isBlocked: blocked, timeToBlockExpire: blocked ? timeToExpire : 0 };
  }
}

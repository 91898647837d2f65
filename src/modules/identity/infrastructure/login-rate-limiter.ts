import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { RateLimitedError } from '../../../shared/domain/domain-error';
import { REDIS } from '../../../shared/redis/redis.module';
import { FixedWindowCounter } from '../../../shared/throttle/fixed-window';

const WINDOW_MS = 60_000;
const TOO_MANY_LOGINS = { zh: '登录尝试过于频繁，请稍后再试', en: 'Too many login attempts; try again later' };

/**
 * Fixed one-minute windows of login attempts. Staff: per client IP and per account
 * (RATE_LIMIT_LOGIN_PER_MINUTE each). Shoppers, who share IPs behind carrier NAT: per login code
 * and per openid (RATE_LIMIT_LOGIN_PER_MINUTE each), and a much larger per-IP budget
 * (RATE_LIMIT_SHOPPER_LOGIN_PER_IP_PER_MINUTE). Shared by every API process through Redis when
 * configured; in this process's memory otherwise (and while Redis is unreachable).
 */
@Injectable()
export class LoginRateLimiter {
  private readonly counter: FixedWindowCounter;
  private readonly limit: number;
  private readonly shopperIpLimit: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(REDIS) redis: Redis | null) {
    this.counter = new FixedWindowCounter(redis, { name: 'LoginRateLimiter', whenRedisFails: 'count-in-memory' });
    this.limit = config.rateLimit.loginPerMinute;
    this.shopperIpLimit = config.rateLimit.shopperLoginPerIpPerMinute;
  }

  /** Counts one attempt against each key (RATE_LIMIT_LOGIN_PER_MINUTE); 429 RATE_LIMITED when any is over. */
  async hit(keys: string[]): Promise<void> {
    await this.hitEach(keys.map((key) => [key, this.limit]));
  }

  /** A shopper login, before WeChat is asked: per IP (the large budget) and per code. */
  async hitShopperLogin(ip: string, code: string): Promise<void> {
    const codeKey = createHash('sha256').update(code).digest('base64url').slice(0, 22);
    await this.hitEach([
      [`shopper-ip:${ip}`, this.shopperIpLimit],
      [`shopper-code:${codeKey}`, this.limit],
    ]);
  }

  /** A shopper login, once WeChat named the openid. */
  async hitShopperAccount(openid: string): Promise<void> {
    await this.hitEach([[`shopper-openid:${openid}`, this.limit]]);
  }

  private async hitEach(limits: Array<[key: string, limit: number]>): Promise<void> {
    for (const [key, limit] of limits) {
      const count = await this.counter.hit(`login:${key}`, WINDOW_MS);
      if (count && count.hits > limit) {
        throw new RateLimitedError(TOO_MANY_LOGINS, { retryAfterSeconds: Math.max(1, Math.ceil(count.msLeft / 1000)) });
      }
    }
  }
}

import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

export interface CachedAccessToken {
  token: string;
  /** When to fetch a new one (ahead of expiry). */
  refreshAt: number;
  /** When WeChat stops accepting it. */
  expiresAt: number;
}

/** Where the token lives between calls: Redis (shared by every process) or this process's memory. */
export interface AccessTokenStore {
  get(): Promise<CachedAccessToken | null>;
  set(value: CachedAccessToken, ttlMs: number): Promise<void>;
  delete(): Promise<void>;
  /** A short cross-process lock; resolves an id to release it with, or null when someone else holds it. */
  tryLock(ttlMs: number): Promise<string | null>;
  unlock(id: string): Promise<void>;
}

export class MemoryAccessTokenStore implements AccessTokenStore {
  private value: { token: CachedAccessToken; until: number } | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  async get(): Promise<CachedAccessToken | null> {
    return this.value && this.value.until > this.now() ? this.value.token : null;
  }

  async set(value: CachedAccessToken, ttlMs: number): Promise<void> {
    this.value = { token: value, until: this.now() + ttlMs };
  }

  async delete(): Promise<void> {
    this.value = null;
  }

  // One process: the in-process single flight is the lock.
  async tryLock(): Promise<string | null> {
    return 'local';
  }

  async unlock(): Promise<void> {}
}

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export class RedisAccessTokenStore implements AccessTokenStore {
  constructor(
    private readonly redis: Redis,
    private readonly key = 'wechat:access_token',
  ) {}

  async get(): Promise<CachedAccessToken | null> {
    const raw = await this.redis.get(this.key);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as CachedAccessToken;
    } catch {
      return null;
    }
  }

  async set(value: CachedAccessToken, ttlMs: number): Promise<void> {
    await this.redis.set(this.key, JSON.stringify(value), 'PX', Math.max(1, Math.floor(ttlMs)));
  }

  async delete(): Promise<void> {
    await this.redis.del(this.key);
  }

  async tryLock(ttlMs: number): Promise<string | null> {
    const id = randomBytes(8).toString('hex');
    const ok = await this.redis.set(`${this.key}:lock`, id, 'PX', ttlMs, 'NX');
    return ok === 'OK' ? id : null;
  }

  async unlock(id: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, `${this.key}:lock`, id);
  }
}

export type AccessTokenFetcher = () => Promise<{ accessToken: string; expiresInSeconds: number }>;

const LOCK_MS = 10_000;
const WAIT_FOR_OTHER_MS = 3_000;

/**
 * The mini-program's WeChat access token (stable_token), cached and refreshed ahead of expiry
 * (five minutes before, or half the lifetime when shorter). One refresh at a time: concurrent
 * callers in this process share one fetch, and with Redis a short lock makes other processes
 * wait for the token this one stores. A refresh that fails while the old token is still valid
 * keeps serving the old one.
 */
export class WechatAccessTokenProvider {
  private inflight: Promise<string> | null = null;

  constructor(
    private readonly fetcher: AccessTokenFetcher,
    private readonly store: AccessTokenStore,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async getToken(): Promise<string> {
    const cached = await this.safeGet();
    if (cached && this.now() < cached.refreshAt) return cached.token;
    if (!this.inflight) {
      this.inflight = this.refresh(cached).finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  /** WeChat said this token is invalid or expired (40001 / 42001): forget it if it is still the cached one. */
  async invalidate(token: string): Promise<void> {
    const cached = await this.safeGet();
    if (cached?.token === token) await this.store.delete().catch(() => undefined);
  }

  private async refresh(stale: CachedAccessToken | null): Promise<string> {
    const lock = await this.store.tryLock(LOCK_MS).catch(() => 'unlocked');
    try {
      if (!lock) {
        // Another process is fetching: take its token when it lands.
        const deadline = this.now() + WAIT_FOR_OTHER_MS;
        while (this.now() < deadline) {
          await this.sleep(50);
          const cached = await this.safeGet();
          if (cached && cached.token !== stale?.token && this.now() < cached.refreshAt) return cached.token;
        }
      }
      const fresh = await this.fetchAndStore();
      return fresh.token;
    } catch (error) {
      if (stale && this.now() < stale.expiresAt) return stale.token;
      throw error;
    } finally {
      if (lock && lock !== 'unlocked') await this.store.unlock(lock).catch(() => undefined);
    }
  }

  private async fetchAndStore(): Promise<CachedAccessToken> {
    const obtainedAt = this.now();
    const { accessToken, expiresInSeconds } = await this.fetcher();
    const lifetimeMs = Math.max(1, expiresInSeconds) * 1000;
    const aheadMs = Math.min(300_000, lifetimeMs / 2);
    const value: CachedAccessToken = { token: accessToken, refreshAt: obtainedAt + lifetimeMs - aheadMs, expiresAt: obtainedAt + lifetimeMs };
    await this.store.set(value, lifetimeMs).catch(() => undefined);
    return value;
  }

  private async safeGet(): Promise<CachedAccessToken | null> {
    try {
      return await this.store.get();
    } catch {
      return null;
    }
  }
}

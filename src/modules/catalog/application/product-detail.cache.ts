import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type { ProductDetailStatic } from './product.views';

/**
 * Cache of the static part of product details. Entries are dropped after every staff change
 * (after commit) and expire after a short TTL, which bounds how stale `sales` can be and covers a
 * reader that refilled the cache from a snapshot older than the last change.
 */
export abstract class ProductDetailCache {
  abstract get(id: number): Promise<ProductDetailStatic | null>;
  abstract set(id: number, value: ProductDetailStatic): Promise<void>;
  abstract invalidate(id: number): Promise<void>;
}

export const PRODUCT_DETAIL_TTL_SECONDS = 60;

/** Shared by every API process; a Redis failure degrades to reading the database. */
export class RedisProductDetailCache extends ProductDetailCache {
  private readonly logger = new Logger('ProductDetailCache');

  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds = PRODUCT_DETAIL_TTL_SECONDS,
  ) {
    super();
  }

  private key(id: number): string {
    return `catalog:product:${id}`;
  }

  async get(id: number): Promise<ProductDetailStatic | null> {
    try {
      const raw = await this.redis.get(this.key(id));
      return raw ? (JSON.parse(raw) as ProductDetailStatic) : null;
    } catch (error) {
      this.logger.warn(`Product cache read failed: ${(error as Error).message}`);
      return null;
    }
  }

  async set(id: number, value: ProductDetailStatic): Promise<void> {
    try {
      await this.redis.set(this.key(id), JSON.stringify(value), 'EX', this.ttlSeconds);
    } catch (error) {
      this.logger.warn(`Product cache write failed: ${(error as Error).message}`);
    }
  }

  async invalidate(id: number): Promise<void> {
    try {
      await this.redis.del(this.key(id));
    } catch (error) {
      this.logger.error(`Product cache invalidation failed (stale for up to ${this.ttlSeconds}s): ${(error as Error).message}`);
    }
  }
}

/**
 * In-process LRU with TTL, for installations without Redis. With several API processes each has
 * its own copy: a change is invalidated in the process that made it and expires elsewhere by TTL.
 */
export class MemoryProductDetailCache extends ProductDetailCache {
  private readonly entries = new Map<number, { value: string; expiresAt: number }>();

  constructor(
    private readonly maxEntries = 1000,
    private readonly ttlMs = PRODUCT_DETAIL_TTL_SECONDS * 1000,
  ) {
    super();
  }

  async get(id: number): Promise<ProductDetailStatic | null> {
    const entry = this.entries.get(id);
    if (!entry) return null;
    this.entries.delete(id);
    if (entry.expiresAt <= Date.now()) return null;
    this.entries.set(id, entry); // most recently used goes last
    return JSON.parse(entry.value) as ProductDetailStatic;
  }

  async set(id: number, value: ProductDetailStatic): Promise<void> {
    this.entries.delete(id);
    this.entries.set(id, { value: JSON.stringify(value), expiresAt: Date.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  async invalidate(id: number): Promise<void> {
    this.entries.delete(id);
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SettingEntity } from './setting.entity';

/**
 * Typed setting groups with defaults: `get('order', DEFAULTS)` returns the stored values merged
 * over the defaults, so a setting added later has its default until a merchant changes it.
 * Reads are cached in this process for a short while; writes clear the cache.
 */
@Injectable()
export class SettingsService {
  private readonly cache = new Map<string, { value: Record<string, unknown>; at: number }>();
  private static readonly TTL_MS = 5000;

  constructor(private readonly dataSource: DataSource) {}

  async get<T extends object>(key: string, defaults: T, em?: EntityManager): Promise<T> {
    const cached = this.cache.get(key);
    if (!em && cached && Date.now() - cached.at < SettingsService.TTL_MS) return { ...defaults, ...cached.value } as T;
    const row = await (em ?? this.dataSource.manager).findOneBy(SettingEntity, { key });
    const value = row?.value ?? {};
    this.cache.set(key, { value, at: Date.now() });
    return { ...defaults, ...value } as T;
  }

  /** Merges `patch` into the stored group and returns the full group with defaults. */
  async update<T extends object>(key: string, defaults: T, patch: Partial<T>, em?: EntityManager): Promise<T> {
    const manager = em ?? this.dataSource.manager;
    const row = await manager.findOneBy(SettingEntity, { key });
    const value = { ...(row?.value ?? {}), ...patch } as Record<string, unknown>;
    if (row) {
      await manager.update(SettingEntity, { key }, { value: value as never, version: row.version + 1 });
    } else {
      await manager.insert(SettingEntity, { key, value: value as never, version: 1 });
    }
    this.cache.delete(key);
    return { ...defaults, ...value } as T;
  }
}

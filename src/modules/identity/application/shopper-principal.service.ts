import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ShopperPrincipalLoader } from '../../../shared/auth/principal-loaders';
import type { AccessClaims } from '../../../shared/auth/token.service';
import type { ShopperPrincipal } from '../../../shared/http/request-context';
import { ShopperEntity } from '../domain/shopper.entity';

const TTL_MS = 5000;
const MAX_ENTRIES = 20_000;

/**
 * Turns a verified shopper token into the request's principal: null when the shopper is gone or
 * blocked. Answers are cached for a few seconds (a block takes effect within TTL_MS everywhere,
 * at once in the process that made it).
 */
@Injectable()
export class ShopperPrincipalService extends ShopperPrincipalLoader {
  private readonly cache = new Map<number, { active: boolean; at: number }>();

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async load(claims: AccessClaims): Promise<ShopperPrincipal | null> {
    const now = Date.now();
    let entry = this.cache.get(claims.sub);
    if (!entry || now - entry.at > TTL_MS) {
      const shopper = await this.dataSource.manager.findOne(ShopperEntity, { where: { id: claims.sub }, select: { id: true, status: true } });
      entry = { active: shopper?.status === 'ACTIVE', at: now };
      if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
      this.cache.set(claims.sub, entry);
    }
    return entry.active ? { kind: 'shopper', shopperId: claims.sub } : null;
  }

  forget(shopperId: number): void {
    this.cache.delete(shopperId);
  }
}

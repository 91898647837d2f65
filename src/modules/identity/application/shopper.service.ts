import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction-runner';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { ShopperEntity, ShopperStatus } from '../domain/shopper.entity';
import { WechatMiniProgramClient } from '../infrastructure/wechat-mini-program.client';
import { RefreshTokenService } from './refresh-token.service';
import { ShopperPrincipalService } from './shopper-principal.service';
import { ShopperProfile, toShopperProfile } from './shopper.views';

/** What other contexts may read about a shopper. */
export interface ShopperSummary {
  id: number;
  openid: string;
  unionid: string | null;
  nickname: string | null;
  avatarUrl: string | null;
  phone: string | null;
  inviteCode: string;
  inviterId: number | null;
  status: ShopperStatus;
  createdAt: Date;
}

function toSummary(s: ShopperEntity): ShopperSummary {
  return {
    id: s.id,
    openid: s.openid,
    unionid: s.unionid,
    nickname: s.nickname,
    avatarUrl: s.avatarUrl,
    phone: s.phone,
    inviteCode: s.inviteCode,
    inviterId: s.inviterId,
    status: s.status,
    createdAt: s.createdAt,
  };
}

/** The shopper's own profile, and shopper lookups for other contexts. */
@Injectable()
export class ShopperService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly wechat: WechatMiniProgramClient,
    private readonly principals: ShopperPrincipalService,
    private readonly refreshTokens: RefreshTokenService,
  ) {}

  async profile(shopperId: number): Promise<ShopperProfile> {
    return toShopperProfile(await this.require(shopperId));
  }

  async updateProfile(shopperId: number, patch: { nickname?: string; avatarUrl?: string }): Promise<ShopperProfile> {
    return this.tx.run(async (em) => {
      const changes: Partial<ShopperEntity> = {};
      if (patch.nickname !== undefined) changes.nickname = patch.nickname;
      if (patch.avatarUrl !== undefined) changes.avatarUrl = patch.avatarUrl;
      if (Object.keys(changes).length > 0) await em.update(ShopperEntity, { id: shopperId }, changes);
      const shopper = await em.findOneBy(ShopperEntity, { id: shopperId });
      if (!shopper) throw new NotFoundError('Shopper');
      return toShopperProfile(shopper);
    });
  }

  /** Asks WeChat for the number behind a getPhoneNumber code (before any transaction), then stores it. */
  async bindPhone(shopperId: number, code: string): Promise<ShopperProfile> {
    const shopper = await this.require(shopperId);
    const phone = await this.wechat.getPhoneNumber(code, shopper.openid);
    const value = phone.countryCode === '86' ? phone.purePhoneNumber : `+${phone.countryCode}${phone.purePhoneNumber}`;
    return this.tx.run(async (em) => {
      await em.update(ShopperEntity, { id: shopperId }, { phone: value });
      return toShopperProfile(await em.findOneByOrFail(ShopperEntity, { id: shopperId }));
    });
  }

  // --- for other contexts --------------------------------------------------------------------

  async findById(shopperId: number): Promise<ShopperSummary | null> {
    const shopper = await this.dataSource.manager.findOneBy(ShopperEntity, { id: shopperId });
    return shopper ? toSummary(shopper) : null;
  }

  async findByIds(ids: number[]): Promise<ShopperSummary[]> {
    if (ids.length === 0) return [];
    return (await this.dataSource.manager.findBy(ShopperEntity, { id: In([...new Set(ids)]) })).map(toSummary);
  }

  async findByInviteCode(inviteCode: string): Promise<ShopperSummary | null> {
    const shopper = await this.dataSource.manager.findOneBy(ShopperEntity, { inviteCode: inviteCode.trim().toUpperCase() });
    return shopper ? toSummary(shopper) : null;
  }

  /** The openid WeChat Pay needs as the payer; 404 when the shopper does not exist. */
  async openidOf(shopperId: number): Promise<string> {
    return (await this.require(shopperId)).openid;
  }

  /** Blocks or unblocks a shopper; a blocked shopper's tokens stop working at once. */
  async setStatus(shopperId: number, status: ShopperStatus): Promise<void> {
    await this.tx.run(async (em) => {
      const result = await em.update(ShopperEntity, { id: shopperId }, { status });
      if (result.affected === 0) throw new NotFoundError('Shopper');
      if (status === 'BLOCKED') await this.refreshTokens.revokeAll(em, 'shopper', shopperId);
    });
    this.principals.forget(shopperId);
  }

  private async require(shopperId: number): Promise<ShopperEntity> {
    const shopper = await this.dataSource.manager.findOneBy(ShopperEntity, { id: shopperId });
    if (!shopper) throw new NotFoundError('Shopper');
    return shopper;
  }
}

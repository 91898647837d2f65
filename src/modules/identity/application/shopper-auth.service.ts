import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction-runner';
import { TokenService } from '../../../shared/auth/token.service';
import { UnauthorizedError } from '../../../shared/domain/domain-error';
import { newInviteCode, normalizeInviteCode } from '../domain/invite-code';
import { ShopperInvitedEvent, ShopperRegisteredEvent } from '../domain/identity.events';
import { ShopperEntity } from '../domain/shopper.entity';
import { LoginRateLimiter } from '../infrastructure/login-rate-limiter';
import { SecretBox } from '../infrastructure/secret-box';
import { WechatMiniProgramClient } from '../infrastructure/wechat-mini-program.client';
import { RefreshTokenService } from './refresh-token.service';
import { ShopperSession, toShopperProfile } from './shopper.views';
import { isUniqueViolation } from '../../../database/unique-violation';


/** Shopper login with WeChat, token refresh and logout. */
@Injectable()
export class ShopperAuthService {
  private readonly logger = new Logger('ShopperAuth');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly wechat: WechatMiniProgramClient,
    private readonly tokens: TokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly limiter: LoginRateLimiter,
    private readonly secrets: SecretBox,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * Exchanges a wx.login() code (WeChat first, outside any transaction), then finds or creates the
   * shopper by openid. A valid invite code at the first login records the inviter; anything else
   * in inviteCode is ignored.
   */
  async wechatLogin(code: string, inviteCode: string | undefined, ip: string): Promise<ShopperSession> {
    await this.limiter.hitShopperLogin(ip, code);
    const session = await this.wechat.code2Session(code);
    await this.limiter.hitShopperAccount(session.openid);
    const sealed = this.secrets.seal(session.sessionKey);
    const invite = normalizeInviteCode(inviteCode);

    let result: { shopper: ShopperEntity; refreshToken: string | null; created: boolean } | undefined;
    for (let attempt = 1; !result; attempt++) {
      try {
        result = await this.tx.run((em) => this.findOrCreate(em, session.openid, session.unionid, sealed, invite));
      } catch (error) {
        // A concurrent first login of the same openid (or an invite-code collision): try again.
        if (attempt < 3 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
    const { shopper, refreshToken, created } = result;
    if (refreshToken === null) throw new UnauthorizedError('This shopper account is blocked');
    if (created) {
      await this.emit(ShopperRegisteredEvent.eventName, new ShopperRegisteredEvent(shopper.id, shopper.inviterId));
      if (shopper.inviterId !== null) {
        await this.emit(ShopperInvitedEvent.eventName, new ShopperInvitedEvent(shopper.id, shopper.inviterId, invite!));
      }
    }
    return { ...this.pair(shopper.id, refreshToken), user: toShopperProfile(shopper) };
  }

  async refresh(refreshToken: string): Promise<ShopperSession> {
    let shopper: ShopperEntity | null = null;
    const rotated = await this.refreshTokens.rotate('shopper', refreshToken, async (subjectId, em) => {
      shopper = await em.findOneBy(ShopperEntity, { id: subjectId });
      if (!shopper || shopper.status !== 'ACTIVE') throw new UnauthorizedError('This shopper account cannot sign in');
    });
    return { ...this.pair(rotated.subjectId, rotated.refreshToken), user: toShopperProfile(shopper!) };
  }

  async logout(shopperId: number, refreshToken: string): Promise<void> {
    await this.refreshTokens.revokeFamilyOf('shopper', shopperId, refreshToken);
  }

  private async findOrCreate(
    em: EntityManager,
    openid: string,
    unionid: string | null,
    sessionKeySealed: string,
    invite: string | null,
  ): Promise<{ shopper: ShopperEntity; refreshToken: string | null; created: boolean }> {
    const now = new Date();
    let shopper = await em.findOneBy(ShopperEntity, { openid });
    let created = false;
    if (shopper && shopper.status !== 'ACTIVE') return { shopper, refreshToken: null, created };
    if (shopper) {
      await em.update(ShopperEntity, { id: shopper.id }, { sessionKeySealed, lastLoginAt: now, ...(unionid ? { unionid } : {}) });
      if (unionid) shopper.unionid = unionid;
    } else {
      const inviter = invite ? await em.findOneBy(ShopperEntity, { inviteCode: invite }) : null;
      const inserted = await em.insert(ShopperEntity, {
        openid,
        unionid,
        sessionKeySealed,
        nickname: null,
        avatarUrl: null,
        phone: null,
        inviteCode: newInviteCode(),
        inviterId: inviter && inviter.status === 'ACTIVE' ? inviter.id : null,
        status: 'ACTIVE',
        lastLoginAt: now,
      });
      shopper = await em.findOneByOrFail(ShopperEntity, { id: inserted.identifiers[0].id as number });
      created = true;
    }
    const refreshToken = await this.refreshTokens.issue(em, 'shopper', shopper.id);
    return { shopper, refreshToken, created };
  }

  private pair(shopperId: number, refreshToken: string) {
    return { accessToken: this.tokens.signAccess('shopper', shopperId), refreshToken, expiresIn: this.tokens.accessTtlSeconds };
  }

  /** Other contexts react after commit; their failure never undoes a login. */
  private async emit(name: string, event: object): Promise<void> {
    try {
      await this.events.emitAsync(name, event);
    } catch (error) {
      this.logger.error({ err: error }, `A listener of ${name} failed`);
    }
  }
}

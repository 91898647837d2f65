/** The identity context's public surface. */
export { IdentityModule } from './identity.module';
export { ShopperService } from './application/shopper.service';
export type { ShopperSummary } from './application/shopper.service';
export { AddressService, MAX_ADDRESSES_PER_SHOPPER } from './application/address.service';
export type { AddressView } from './application/address.service';
export { StaffAccountService, normalizeUsername } from './application/staff-account.service';
export type { StaffAccountView } from './application/staff-account.service';
export type { TokenPair, ShopperProfile } from './application/shopper.views';
export { ShopperInvitedEvent, ShopperRegisteredEvent } from './domain/identity.events';
export { WechatMiniProgramClient } from './infrastructure/wechat-mini-program.client';
export type { WechatPhone, WechatSession } from './infrastructure/wechat-mini-program.client';
export type { WechatEnvelope } from './infrastructure/wechat-api.http';
export { TokenPairDto, RefreshTokenDto } from './api/dto/shopper-auth.dto';

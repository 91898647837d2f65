import { Global, Module } from '@nestjs/common';
import type Redis from 'ioredis';
import { ShopperPrincipalLoader } from '../../shared/auth/principal-loaders';
import { REDIS } from '../../shared/redis/redis.module';
import { AddressController } from './api/address.controller';
import { ShopperAuthController } from './api/shopper-auth.controller';
import { ShopperProfileController } from './api/shopper-profile.controller';
import { AddressService } from './application/address.service';
import { RefreshTokenService } from './application/refresh-token.service';
import { ShopperAuthService } from './application/shopper-auth.service';
import { ShopperPrincipalService } from './application/shopper-principal.service';
import { ShopperService } from './application/shopper.service';
import { StaffAccountService } from './application/staff-account.service';
import { LoginRateLimiter } from './infrastructure/login-rate-limiter';
import { SecretBox } from './infrastructure/secret-box';
import { MemoryAccessTokenStore, RedisAccessTokenStore, WechatAccessTokenProvider } from './infrastructure/wechat-access-token.provider';
import { WechatApiHttp } from './infrastructure/wechat-api.http';
import { WechatMiniProgramClient } from './infrastructure/wechat-mini-program.client';

/**
 * Shopper accounts (WeChat login, profile, addresses), staff credentials, refresh tokens and the
 * WeChat mini-program client. Global so the auth guard can reach the shopper principal loader.
 */
@Global()
@Module({
  controllers: [ShopperAuthController, ShopperProfileController, AddressController],
  providers: [
    SecretBox,
    LoginRateLimiter,
    WechatApiHttp,
    {
      provide: WechatAccessTokenProvider,
      inject: [WechatApiHttp, REDIS],
      useFactory: (http: WechatApiHttp, redis: Redis | null) =>
        new WechatAccessTokenProvider(() => http.fetchStableToken(), redis ? new RedisAccessTokenStore(redis) : new MemoryAccessTokenStore()),
    },
    WechatMiniProgramClient,
    RefreshTokenService,
    ShopperPrincipalService,
    { provide: ShopperPrincipalLoader, useExisting: ShopperPrincipalService },
    ShopperAuthService,
    ShopperService,
    AddressService,
    StaffAccountService,
  ],
  exports: [ShopperPrincipalLoader, ShopperService, AddressService, StaffAccountService, WechatMiniProgramClient, LoginRateLimiter],
})
export class IdentityModule {}

import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse, ApiBadGatewayResponse } from '@nestjs/swagger';
import { CurrentShopper, Public, ShopperRoute } from '../../../shared/auth/auth.decorators';
import { ApiErrorDto } from '../../../shared/http/api-error';
import { ShopperAuthService } from '../application/shopper-auth.service';
import { RefreshTokenDto, ShopperSessionDto, WechatLoginDto } from './dto/shopper-auth.dto';

@ApiTags('app / auth')
@Controller('app/auth')
export class ShopperAuthController {
  constructor(private readonly auth: ShopperAuthService) {}

  @Public()
  @Post('wechat-login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with WeChat',
    description:
      'Exchanges the wx.login() code with WeChat (jscode2session) and finds or creates the shopper by openid. ' +
      'A valid inviteCode at the first login records the inviter; an invalid one is ignored. ' +
      'Rate-limited per code and per openid (RATE_LIMIT_LOGIN_PER_MINUTE each) and per IP (RATE_LIMIT_SHOPPER_LOGIN_PER_IP_PER_MINUTE, a much larger budget: shoppers share IPs behind carrier NAT).',
  })
  @ApiOkResponse({ type: ShopperSessionDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'WeChat refused the code (invalid 40029, already used 40163, blocked 40226)' })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'RATE_LIMITED: too many logins with this code, for this shopper or from this IP, or WeChat quota (45011)' })
  @ApiBadGatewayResponse({ type: ApiErrorDto, description: 'UPSTREAM_ERROR: WeChat failed (-1) or could not be reached; nothing was changed' })
  login(@Body() body: WechatLoginDto, @Ip() ip: string): Promise<ShopperSessionDto> {
    return this.auth.wechatLogin(body.code, body.inviteCode, ip);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Swap a refresh token for a new token pair',
    description: 'The refresh token is single use. Presenting one that was already used ends that login (every token of its family) and answers 401.',
  })
  @ApiOkResponse({ type: ShopperSessionDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Unknown, expired, used or revoked refresh token' })
  refresh(@Body() body: RefreshTokenDto): Promise<ShopperSessionDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @ShopperRoute()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out', description: 'Revokes the refresh token (and its family). The access token lives on until it expires (expiresIn).' })
  @ApiNoContentResponse({ description: 'Logged out (also when the refresh token was unknown or not yours)' })
  async logout(@CurrentShopper() shopperId: number, @Body() body: RefreshTokenDto): Promise<void> {
    await this.auth.logout(shopperId, body.refreshToken);
  }
}

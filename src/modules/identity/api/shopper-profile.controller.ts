import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentShopper, ShopperRoute } from '../../../shared/auth/auth.decorators';
import { ApiErrorDto } from '../../../shared/http/api-error';
import { ShopperService } from '../application/shopper.service';
import { BindPhoneDto, UpdateProfileDto } from './dto/profile.dto';
import { ShopperProfileDto } from './dto/shopper-auth.dto';

@ApiTags('app / me')
@Controller('app/me')
export class ShopperProfileController {
  constructor(private readonly shoppers: ShopperService) {}

  @ShopperRoute()
  @Get()
  @ApiOperation({ summary: 'My profile' })
  @ApiOkResponse({ type: ShopperProfileDto })
  profile(@CurrentShopper() shopperId: number): Promise<ShopperProfileDto> {
    return this.shoppers.profile(shopperId);
  }

  @ShopperRoute()
  @Patch()
  @ApiOperation({ summary: 'Change my nickname or avatar' })
  @ApiOkResponse({ type: ShopperProfileDto })
  update(@CurrentShopper() shopperId: number, @Body() body: UpdateProfileDto): Promise<ShopperProfileDto> {
    return this.shoppers.updateProfile(shopperId, body);
  }

  @ShopperRoute()
  @Post('phone')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set my phone number from a getPhoneNumber code',
    description: 'Asks WeChat (getuserphonenumber, with the cached access token) for the number behind the code.',
  })
  @ApiOkResponse({ type: ShopperProfileDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'PHONE_CODE_INVALID: WeChat refused the code (invalid, used or expired)' })
  @ApiBadGatewayResponse({ type: ApiErrorDto, description: 'UPSTREAM_ERROR: WeChat failed; nothing was changed' })
  bindPhone(@CurrentShopper() shopperId: number, @Body() body: BindPhoneDto): Promise<ShopperProfileDto> {
    return this.shoppers.bindPhone(shopperId, body.code);
  }
}

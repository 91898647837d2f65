import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';
import { IsOmittable } from '../../../../shared/http/validation';

export class WechatLoginDto {
  @ApiProperty({ example: '0a3Xk2000yGz1S1hJw300W8x5y2Xk20n', description: 'The code from wx.login() (single use, about 5 minutes)' })
  @IsString()
  @Length(1, 128)
  code: string;

  @ApiPropertyOptional({
    example: 'K7RM2QX9PA',
    description: "Another shopper's invite code. Recorded as the inviter at the first login only; an unknown code is ignored.",
  })
  @IsOmittable()
  @IsString()
  @MaxLength(32)
  inviteCode?: string;
}

export class RefreshTokenDto {
  @ApiProperty({ example: 'mP3x0bq8c2Yh7G7o0oQ2kB7bW1m1dWc0bM2W6Yy8c1A', description: 'The refresh token from the last login or refresh (single use)' })
  @IsString()
  @Length(16, 256)
  refreshToken: string;
}

export class ShopperProfileDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ example: '小王', nullable: true, type: String }) nickname: string | null;
  @ApiProperty({ example: 'https://thirdwx.qlogo.cn/mmopen/vi_32/abc/132', nullable: true, type: String }) avatarUrl: string | null;
  @ApiProperty({ example: '13800138000', nullable: true, type: String, description: 'Set through POST /api/v1/app/me/phone' }) phone: string | null;
  @ApiProperty({ example: 'K7RM2QX9PA', description: 'This shopper\'s own invite code, to share with friends' }) inviteCode: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'Bearer token for the API (JWT, audience "shopper" or "staff")' }) accessToken: string;
  @ApiProperty({ description: 'Opaque single-use token for POST .../auth/refresh; each use returns a new one' }) refreshToken: string;
  @ApiProperty({ type: 'integer', example: 7200, description: 'Seconds until the access token expires' }) expiresIn: number;
}

export class ShopperSessionDto extends TokenPairDto {
  @ApiProperty({ type: ShopperProfileDto }) user: ShopperProfileDto;
}

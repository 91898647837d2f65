import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { IsOmittable } from '../../../../shared/http/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UpdateProfileDto {
  @ApiPropertyOptional({ example: '小王', maxLength: 32 })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 32)
  @Matches(/^[^\p{Cc}\p{Cf}]+$/u, { message: 'nickname must not contain control characters' })
  nickname?: string;

  @ApiPropertyOptional({ example: 'https://thirdwx.qlogo.cn/mmopen/vi_32/abc/132', maxLength: 512 })
  @IsOmittable()
  @IsString()
  @MaxLength(512)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  avatarUrl?: string;
}

export class BindPhoneDto {
  @ApiProperty({ example: 'e31968a7f94cc5ee25fafc2aef2773f0bb8c3937b22520eb8ee345274d00c144', description: 'The code from the getPhoneNumber button event (single use, 5 minutes)' })
  @IsString()
  @Length(1, 128)
  code: string;
}

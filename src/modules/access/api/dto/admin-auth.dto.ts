import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { TokenPairDto } from '../../../identity';

/** 8..128 characters with at least one letter and one digit. */
export const PASSWORD_POLICY = /^(?=.*\p{L})(?=.*\d)[\s\S]{8,128}$/u;
export const PASSWORD_POLICY_MESSAGE = 'password must be 8..128 characters with at least one letter and one digit';

export class AdminLoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ example: 'change-me-2024' })
  @IsString()
  @Length(1, 128)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'old-password-1' })
  @IsString()
  @Length(1, 128)
  currentPassword: string;

  @ApiProperty({ example: 'new-password-2', description: PASSWORD_POLICY_MESSAGE })
  @IsString()
  @Matches(PASSWORD_POLICY, { message: PASSWORD_POLICY_MESSAGE })
  newPassword: string;
}

export class RoleRefDto {
  @ApiProperty({ type: 'integer', example: 2 }) id: number;
  @ApiProperty({ example: 'Store manager' }) name: string;
}

export class AdminProfileDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ example: 'admin' }) username: string;
  @ApiProperty({ type: RoleRefDto, isArray: true }) roles: RoleRefDto[];
  @ApiProperty({ example: ['order:read', 'order:ship'], description: 'Every permission held (a super admin: all of them)' }) permissions: string[];
  @ApiProperty({ example: false }) isSuperAdmin: boolean;
  @ApiProperty({ example: [1, 3], nullable: true, type: 'integer', isArray: true, description: 'null: every store' }) storeIds: number[] | null;
}

export class AdminSessionDto extends TokenPairDto {
  @ApiProperty({ type: AdminProfileDto }) admin: AdminProfileDto;
}

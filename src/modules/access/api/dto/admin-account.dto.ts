import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsOmittable } from '../../../../shared/http/validation';
import { PageQueryDto } from '../../../../shared/http/pagination';
import { PASSWORD_POLICY, PASSWORD_POLICY_MESSAGE, RoleRefDto } from './admin-auth.dto';

export class CreateAdminDto {
  @ApiProperty({ example: 'store1.manager', description: '3..32 letters, digits, _ . - (stored in lower case)' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{3,32}$/, { message: 'username must be 3..32 letters, digits, _ . -' })
  username: string;

  @ApiProperty({ example: 'initial-pass-1', description: PASSWORD_POLICY_MESSAGE })
  @IsString()
  @Matches(PASSWORD_POLICY, { message: PASSWORD_POLICY_MESSAGE })
  password: string;

  @ApiProperty({ type: 'integer', isArray: true, example: [2], description: 'Role ids (may be empty)' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2_147_483_647, { each: true })
  roleIds: number[];

  @ApiPropertyOptional({ example: [1, 3], nullable: true, type: 'integer', isArray: true, description: 'Stores this account is limited to; absent or null: every store' })
  @ValidateIf((o: CreateAdminDto) => o.storeIds !== undefined && o.storeIds !== null)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2_147_483_647, { each: true })
  storeIds?: number[] | null;
}

export class UpdateAdminDto {
  @ApiPropertyOptional({ example: 'reset-pass-2', description: `A new password (ends the account's sessions). ${PASSWORD_POLICY_MESSAGE}` })
  @ValidateIf((o: UpdateAdminDto) => o.password !== undefined)
  @IsString()
  @Matches(PASSWORD_POLICY, { message: PASSWORD_POLICY_MESSAGE })
  password?: string;

  @ApiPropertyOptional({ type: 'integer', isArray: true, example: [2, 4], description: 'Replaces the roles' })
  @ValidateIf((o: UpdateAdminDto) => o.roleIds !== undefined)
  @IsArray()
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2_147_483_647, { each: true })
  roleIds?: number[];

  @ApiPropertyOptional({ example: [1], nullable: true, type: 'integer', isArray: true, description: 'Replaces the store scope; null: every store; absent: unchanged' })
  @ValidateIf((o: UpdateAdminDto) => o.storeIds !== undefined && o.storeIds !== null)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2_147_483_647, { each: true })
  storeIds?: number[] | null;

  @ApiPropertyOptional({ enum: ['ACTIVE', 'DISABLED'], enumName: 'StaffAccountStatus', description: 'DISABLED ends every session of the account at once' })
  @ValidateIf((o: UpdateAdminDto) => o.status !== undefined)
  @IsIn(['ACTIVE', 'DISABLED'])
  status?: 'ACTIVE' | 'DISABLED';

  @ApiPropertyOptional({ example: true, description: 'true: lift a lockout after failed logins' })
  @ValidateIf((o: UpdateAdminDto) => o.unlock !== undefined)
  @IsBoolean()
  unlock?: boolean;
}

export class AdminQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'manager', description: 'Part of the username' })
  @IsOmittable()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(32)
  username?: string;

  @ApiPropertyOptional({ enum: ['ACTIVE', 'DISABLED'], enumName: 'StaffAccountStatus' })
  @IsOmittable()
  @IsIn(['ACTIVE', 'DISABLED'])
  status?: 'ACTIVE' | 'DISABLED';
}

export class AdminDto {
  @ApiProperty({ type: 'integer', example: 2 }) id: number;
  @ApiProperty({ example: 'store1.manager' }) username: string;
  @ApiProperty({ enum: ['ACTIVE', 'DISABLED'], enumName: 'StaffAccountStatus' }) status: 'ACTIVE' | 'DISABLED';
  @ApiProperty({ type: RoleRefDto, isArray: true }) roles: RoleRefDto[];
  @ApiProperty({ example: false }) isSuperAdmin: boolean;
  @ApiProperty({ example: [1, 3], nullable: true, type: 'integer', isArray: true, description: 'null: every store' }) storeIds: number[] | null;
  @ApiProperty({ nullable: true, type: Date, description: 'Set while the account is locked after failed logins' }) lockedUntil: Date | null;
  @ApiProperty({ nullable: true, type: Date }) lastLoginAt: Date | null;
  @ApiProperty() createdAt: Date;
}

import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsOmittable, LongText } from '../../../../shared/http/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateRoleDto {
  @ApiProperty({ example: 'Store manager', maxLength: 64 })
  @Transform(trim)
  @IsString()
  @Length(1, 64)
  @Matches(/^[^\p{Cc}\p{Cf}]+$/u, { message: 'name must not contain control characters' })
  name: string;

  @ApiPropertyOptional({ example: 'Runs one store: orders and stock', maxLength: 255 })
  @IsOmittable()
  @IsString()
  @MaxLength(255)
  @LongText()
  description?: string;

  @ApiProperty({ example: ['order:read', 'order:ship'], description: 'Permission codes from GET /api/v1/admin/permissions (may be empty)' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Matches(/^[a-z][a-z-]*:[a-z][a-z-]*$/, { each: true, message: 'each permission must look like resource:action' })
  permissions: string[];
}

export class UpdateRoleDto extends PartialType(CreateRoleDto, { skipNullProperties: false }) {}

export class RoleDto {
  @ApiProperty({ type: 'integer', example: 2 }) id: number;
  @ApiProperty({ example: 'Store manager' }) name: string;
  @ApiProperty({ example: 'Runs one store: orders and stock' }) description: string;
  @ApiProperty({ example: false, description: 'The super admin role holds every permission and cannot be deleted' }) isSuperAdmin: boolean;
  @ApiProperty({ example: ['order:read', 'order:ship'] }) permissions: string[];
  @ApiProperty({ type: 'integer', example: 3, description: 'Staff accounts holding this role' }) staffCount: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class PermissionDto {
  @ApiProperty({ example: 'order:ship' }) code: string;
  @ApiProperty({ example: 'Ship orders' }) description: string;
}

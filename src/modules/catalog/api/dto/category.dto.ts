import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { IsOmittable } from '../../../../shared/http/validation';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class CreateCategoryDto {
  @ApiProperty({ example: '茶饮', maxLength: 32 })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  name: string;

  @ApiPropertyOptional({ example: 1, nullable: true, type: 'integer', description: 'Parent category; none: a top-level category (at most 3 levels)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  parentId?: number | null;

  @ApiPropertyOptional({ type: 'integer', example: 10, default: 0, description: 'Ascending display order among siblings' })
  @IsOmittable()
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  sort?: number;

  @ApiPropertyOptional({ default: true, description: 'Off: hidden, with its sub-categories, from shoppers' })
  @IsOmittable()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ example: 'https://cdn.example.com/media/2025/06/tea.png', nullable: true, type: String })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(512)
  image?: string | null;
}

export class UpdateCategoryDto {
  @ApiPropertyOptional({ example: '茶饮', maxLength: 32 })
  @ValidateIf((_, v) => v !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  name?: string;

  @ApiPropertyOptional({ example: 1, nullable: true, type: 'integer', description: 'New parent; null moves it to the top level' })
  @IsOptional()
  @IsInt()
  @Min(1)
  parentId?: number | null;

  @ApiPropertyOptional({ type: 'integer', example: 10 })
  @ValidateIf((_, v) => v !== undefined)
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  sort?: number;

  @ApiPropertyOptional()
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(512)
  image?: string | null;
}

export class AdminCategoryDto {
  @ApiProperty({ type: 'integer', example: 2 }) id: number;
  @ApiProperty({ example: '绿茶' }) name: string;
  @ApiProperty({ example: 1, nullable: true, type: 'integer' }) parentId: number | null;
  @ApiProperty({ type: 'integer', example: 0 }) sort: number;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ nullable: true, type: String }) image: string | null;
  @ApiProperty({ type: () => [AdminCategoryDto] }) children: AdminCategoryDto[];
}

export class CategoryNodeDto {
  @ApiProperty({ type: 'integer', example: 2 }) id: number;
  @ApiProperty({ example: '绿茶' }) name: string;
  @ApiProperty({ nullable: true, type: String }) image: string | null;
  @ApiProperty({ type: () => [CategoryNodeDto] }) children: CategoryNodeDto[];
}

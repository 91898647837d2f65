import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOmittable, LongText } from '../../../../shared/http/validation';
import { PageQueryDto } from '../../../../shared/http/pagination';
import { PRODUCT_STATUSES, ProductStatus } from '../../domain/product.entity';
import { SPEC_LIMITS } from '../../domain/product-specs';
import { PRODUCT_SORTS, ProductSort } from '../../application/product-query.service';
import { IsSpecValues } from './spec-values.validator';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
const MAX_PRICE = 100_000_000_00; // 100 million yuan, in fen

export class SpecGroupDto {
  @ApiProperty({ example: '颜色', maxLength: 16 })
  @IsString()
  @MinLength(1)
  @MaxLength(16)
  name: string;

  @ApiProperty({ example: ['红', '蓝'], description: 'Values of this group, each 1..32 characters' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SPEC_LIMITS.valuesPerGroup)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(32, { each: true })
  values: string[];
}

export class SkuInputDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { 颜色: '红', 尺码: 'S' }, description: 'One value of every spec group (group name → value); {} for a product without specs' })
  @IsObject()
  @IsSpecValues()
  specValues: Record<string, string>;

  @ApiProperty({ type: 'integer', example: 1990, minimum: 1, description: 'Price in fen' })
  @IsInt()
  @Min(1)
  @Max(MAX_PRICE)
  price: number;

  @ApiPropertyOptional({ example: 2990, nullable: true, type: 'integer', description: 'Crossed-out market price in fen' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE)
  marketPrice?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    example: 100,
    minimum: 0,
    default: 0,
    description: 'Opening stock of a new SKU. An existing SKU keeps its stock (change it with POST /admin/skus/{id}/stock), so orders taken meanwhile are never overwritten.',
  })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  stock?: number;

  @ApiPropertyOptional({ type: 'integer', example: 10, minimum: 0, default: 0, description: 'A low-stock event is raised when stock falls below this (0 = off)' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  lowStockThreshold?: number;

  @ApiPropertyOptional({ example: 'TEA-RED-S', nullable: true, type: String, description: 'Unique among live SKUs' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'skuCode must be 1..64 letters, digits, _ . -' })
  skuCode?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'http://localhost:3000/media/2025/06/red.jpg' })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(512)
  image?: string | null;

  @ApiPropertyOptional({ type: 'integer', example: 250, default: 0, description: 'Weight in grams' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  weight?: number;
}

export class CreateProductDto {
  @ApiProperty({ example: '手工绿茶', maxLength: 128 })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  name: string;

  @ApiProperty({ type: 'integer', example: 3 })
  @IsInt()
  @Min(1)
  categoryId: number;

  @ApiPropertyOptional({ maxLength: 20000, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  @LongText()
  description?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Image URLs; the first is the main image' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl(URL_OPTIONS, { each: true })
  @MaxLength(512, { each: true })
  images?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Video URLs' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(5)
  @IsUrl(URL_OPTIONS, { each: true })
  @MaxLength(512, { each: true })
  videos?: string[];

  @ApiProperty({ enum: PRODUCT_STATUSES, enumName: 'ProductStatus', example: 'ON_SALE' })
  @IsIn(PRODUCT_STATUSES)
  status: ProductStatus;

  @ApiProperty({ type: [SpecGroupDto], description: `Spec groups (at most ${SPEC_LIMITS.groups}); [] for a single-SKU product` })
  @IsArray()
  @ArrayMaxSize(SPEC_LIMITS.groups)
  @ValidateNested({ each: true })
  @Type(() => SpecGroupDto)
  specs: SpecGroupDto[];

  @ApiProperty({ type: [SkuInputDto], description: 'One SKU per combination actually sold' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SPEC_LIMITS.skus)
  @ValidateNested({ each: true })
  @Type(() => SkuInputDto)
  skus: SkuInputDto[];
}

export class UpdateProductDto extends PartialType(CreateProductDto, { skipNullProperties: false }) {}

export class ShopperProductQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', example: 3, description: 'Includes its sub-categories' })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  categoryId?: number;

  @ApiPropertyOptional({ example: '绿茶', maxLength: 64, description: 'Matches within the name; %, _ and quotes match themselves' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  keyword?: string;

  @ApiPropertyOptional({ enum: PRODUCT_SORTS, enumName: 'ProductSort', default: 'newest' })
  @IsOmittable()
  @IsIn(PRODUCT_SORTS)
  sort?: ProductSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], enumName: 'SortDirection', description: 'Default: desc for newest and sales, asc for price' })
  @IsOmittable()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

export class AdminProductQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', example: 3, description: 'Includes its sub-categories' })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  categoryId?: number;

  @ApiPropertyOptional({ maxLength: 64 })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  keyword?: string;

  @ApiPropertyOptional({ enum: PRODUCT_STATUSES, enumName: 'ProductStatus' })
  @IsOmittable()
  @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;
}

export class SpecGroupViewDto {
  @ApiProperty({ example: '颜色' }) name: string;
  @ApiProperty({ example: ['红', '蓝'] }) values: string[];
}

export class ProductSummaryDto {
  @ApiProperty({ type: 'integer', example: 7 }) id: number;
  @ApiProperty({ example: '手工绿茶' }) name: string;
  @ApiProperty({ nullable: true, type: String }) mainImage: string | null;
  @ApiProperty({ type: 'integer', example: 1990, description: 'Lowest SKU price, fen' }) minPrice: number;
  @ApiProperty({ type: 'integer', example: 128 }) sales: number;
}

export class ShopperSkuDto {
  @ApiProperty({ type: 'integer', example: 21 }) id: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { 颜色: '红', 尺码: 'S' } }) specValues: Record<string, string>;
  @ApiProperty({ type: 'integer', example: 1990, description: 'fen' }) price: number;
  @ApiProperty({ example: 2990, nullable: true, type: 'integer', description: 'fen' }) marketPrice: number | null;
  @ApiProperty({ type: 'integer', example: 42 }) stock: number;
  @ApiProperty({ nullable: true, type: String }) image: string | null;
}

export class ShopperProductDto {
  @ApiProperty({ type: 'integer', example: 7 }) id: number;
  @ApiProperty({ example: '手工绿茶' }) name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ type: [String] }) images: string[];
  @ApiProperty({ type: [String] }) videos: string[];
  @ApiProperty({ nullable: true, type: String }) mainImage: string | null;
  @ApiProperty({ type: 'integer', example: 3 }) categoryId: number;
  @ApiProperty({ type: [SpecGroupViewDto] }) specs: SpecGroupViewDto[];
  @ApiProperty({ type: 'integer', example: 1990, description: 'fen' }) minPrice: number;
  @ApiProperty({ type: 'integer', example: 2990, description: 'fen' }) maxPrice: number;
  @ApiProperty({ type: 'integer', example: 128, description: 'May lag by up to a minute' }) sales: number;
  @ApiProperty({ type: [ShopperSkuDto] }) skus: ShopperSkuDto[];
}

export class AdminSkuDto {
  @ApiProperty({ type: 'integer', example: 21 }) id: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { 颜色: '红', 尺码: 'S' } }) specValues: Record<string, string>;
  @ApiProperty({ type: 'integer', example: 1990, description: 'fen' }) price: number;
  @ApiProperty({ nullable: true, type: 'integer', description: 'fen' }) marketPrice: number | null;
  @ApiProperty({ nullable: true, type: String }) skuCode: string | null;
  @ApiProperty({ nullable: true, type: String }) image: string | null;
  @ApiProperty({ type: 'integer', example: 250, description: 'grams' }) weight: number;
  @ApiProperty({ type: 'integer', example: 42 }) stock: number;
  @ApiProperty({ type: 'integer', example: 10 }) lowStockThreshold: number;
}

export class AdminProductDto {
  @ApiProperty({ type: 'integer', example: 7 }) id: number;
  @ApiProperty({ example: '手工绿茶' }) name: string;
  @ApiProperty({ type: 'integer', example: 3 }) categoryId: number;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ type: [String] }) images: string[];
  @ApiProperty({ type: [String] }) videos: string[];
  @ApiProperty({ nullable: true, type: String }) mainImage: string | null;
  @ApiProperty({ enum: PRODUCT_STATUSES, enumName: 'ProductStatus' }) status: ProductStatus;
  @ApiProperty({ type: [SpecGroupViewDto] }) specs: SpecGroupViewDto[];
  @ApiProperty({ type: 'integer', description: 'fen' }) minPrice: number;
  @ApiProperty({ type: 'integer', description: 'fen' }) maxPrice: number;
  @ApiProperty({ type: 'integer' }) sales: number;
  @ApiProperty({ type: [AdminSkuDto] }) skus: AdminSkuDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AdminProductSummaryDto {
  @ApiProperty({ type: 'integer', example: 7 }) id: number;
  @ApiProperty({ example: '手工绿茶' }) name: string;
  @ApiProperty({ type: 'integer', example: 3 }) categoryId: number;
  @ApiProperty({ nullable: true, type: String }) mainImage: string | null;
  @ApiProperty({ enum: PRODUCT_STATUSES, enumName: 'ProductStatus' }) status: ProductStatus;
  @ApiProperty({ type: 'integer', description: 'fen' }) minPrice: number;
  @ApiProperty({ type: 'integer', description: 'fen' }) maxPrice: number;
  @ApiProperty({ type: 'integer' }) sales: number;
  @ApiProperty({ type: 'integer', description: 'Stock of all live SKUs' }) totalStock: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

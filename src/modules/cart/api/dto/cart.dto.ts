import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, Max, Min, ValidateIf } from 'class-validator';
import { IsOmittable } from '../../../../shared/http/validation';
import { CART_LIMITS, UNAVAILABLE_REASONS, UnavailableReason } from '../../domain/cart-rules';

export class AddCartItemDto {
  @ApiProperty({ type: 'integer', example: 21 })
  @IsInt()
  @Min(1)
  skuId: number;

  @ApiProperty({ type: 'integer', example: 1, minimum: 1, maximum: CART_LIMITS.maxQuantityPerLine, description: 'Added to the line if the SKU is already in the cart' })
  @IsInt()
  @Min(1)
  @Max(CART_LIMITS.maxQuantityPerLine)
  quantity: number;
}

export class UpdateCartItemDto {
  @ApiPropertyOptional({ type: 'integer', example: 2, minimum: 1, maximum: CART_LIMITS.maxQuantityPerLine })
  @ValidateIf((_, v) => v !== undefined)
  @IsInt()
  @Min(1)
  @Max(CART_LIMITS.maxQuantityPerLine)
  quantity?: number;

  @ApiPropertyOptional({ example: true })
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean()
  selected?: boolean;
}

export class ClearCartQueryDto {
  @ApiPropertyOptional({ enum: ['true'], enumName: 'SelectedOnly', description: 'true: remove only the selected lines; absent: empty the cart' })
  @IsOmittable()
  @IsIn(['true'])
  selected?: 'true';
}

export class CartLineDto {
  @ApiProperty({ type: 'integer', example: 5 }) id: number;
  @ApiProperty({ type: 'integer', example: 21 }) skuId: number;
  @ApiProperty({ example: 7, nullable: true, type: 'integer' }) productId: number | null;
  @ApiProperty({ example: '手工绿茶', nullable: true, type: String }) name: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { 颜色: '红', 尺码: 'S' } }) specValues: Record<string, string>;
  @ApiProperty({ example: '红 / S' }) specText: string;
  @ApiProperty({ nullable: true, type: String }) image: string | null;
  @ApiProperty({ example: 1990, nullable: true, type: 'integer', description: 'Current price, fen' }) price: number | null;
  @ApiProperty({ type: 'integer', example: 2 }) quantity: number;
  @ApiProperty() selected: boolean;
  @ApiProperty({ type: 'integer', example: 42 }) stock: number;
  @ApiProperty() available: boolean;
  @ApiProperty({ enum: UNAVAILABLE_REASONS, enumName: 'CartLineUnavailableReason', nullable: true }) unavailableReason: UnavailableReason | null;
}

export class CartDto {
  @ApiProperty({ type: [CartLineDto], description: 'Newest line first' }) items: CartLineDto[];
  @ApiProperty({ type: 'integer', example: 3, description: 'Units in selected, available lines' }) selectedQuantity: number;
  @ApiProperty({ type: 'integer', example: 5970, description: 'Selected, available lines at current prices, fen' }) selectedAmount: number;
}

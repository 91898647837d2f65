import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, MinLength, NotEquals } from 'class-validator';
import { STOCK_REASONS, STOCK_REF_TYPES } from '../../domain/stock-ledger.entity';
import { LongText } from '../../../../shared/http/validation';

export class AdjustStockDto {
  @ApiProperty({ type: 'integer', example: -3, description: 'Signed change; stock never goes below zero (409 INSUFFICIENT_STOCK)' })
  @IsInt()
  @NotEquals(0)
  @Min(-1_000_000)
  @Max(1_000_000)
  delta: number;

  @ApiProperty({ example: '盘点差异 / stock count difference', maxLength: 255 })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  @LongText()
  reason: string;
}

export class StockLevelDto {
  @ApiProperty({ type: 'integer', example: 12 }) skuId: number;
  @ApiProperty({ type: 'integer', example: 47 }) stock: number;
}

export class StockLedgerEntryDto {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer' }) skuId: number;
  @ApiProperty({ type: 'integer' }) productId: number;
  @ApiProperty({ type: 'integer', example: -2, description: 'Signed change' }) delta: number;
  @ApiProperty({ type: 'integer', example: 45 }) stockAfter: number;
  @ApiProperty({ enum: STOCK_REASONS, enumName: 'StockReason' }) reason: string;
  @ApiProperty({ enum: STOCK_REF_TYPES, enumName: 'StockRefType', nullable: true }) refType: string | null;
  @ApiProperty({ nullable: true, type: String, example: '1024' }) refId: string | null;
  @ApiProperty({ nullable: true, type: 'integer' }) operatorId: number | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, MinLength, NotEquals } from 'class-validator';
import { STOCK_REASONS, STOCK_REF_TYPES } from '../../domain/stock-ledger.entity';
import { LongText } from '../../../../shared/http/validation';

export class AdjustStockDto {
  @ApiProperty({ example: -3, description: 'Signed change; stock never goes below zero (409 INSUFFICIENT_STOCK)' })
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
  @ApiProperty({ example: 12 }) skuId: number;
  @ApiProperty({ example: 47 }) stock: number;
}

export class StockLedgerEntryDto {
  @ApiProperty() id: number;
  @ApiProperty() skuId: number;
  @ApiProperty() productId: number;
  @ApiProperty({ example: -2, description: 'Signed change' }) delta: number;
  @ApiProperty({ example: 45 }) stockAfter: number;
  @ApiProperty({ enum: STOCK_REASONS }) reason: string;
  @ApiProperty({ enum: STOCK_REF_TYPES, nullable: true, type: String }) refType: string | null;
  @ApiProperty({ nullable: true, type: String, example: '1024' }) refId: string | null;
  @ApiProperty({ nullable: true, type: Number }) operatorId: number | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() createdAt: string;
}

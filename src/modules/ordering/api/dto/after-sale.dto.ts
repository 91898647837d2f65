import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsOmittable, LongText } from '../../../../shared/http/validation';
import { PageQueryDto } from '../../../../shared/http/pagination';
import { AFTER_SALE_STATUSES, AFTER_SALE_TYPES, AfterSaleStatus, AfterSaleType } from '../../domain/after-sale-status';

export class AfterSaleItemInputDto {
  @ApiProperty({ type: 'integer', example: 3 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  orderItemId: number;

  @ApiProperty({ type: 'integer', example: 1 })
  @IsInt()
  @Min(1)
  @Max(999)
  quantity: number;
}

export class ApplyAfterSaleDto {
  @ApiProperty({ enum: AFTER_SALE_TYPES, enumName: 'AfterSaleType', example: 'REFUND_ONLY' })
  @IsIn(AFTER_SALE_TYPES)
  type: AfterSaleType;

  @ApiPropertyOptional({ type: [AfterSaleItemInputDto], description: 'Omitted: the whole order (refundAmount = payAmount, freight included)' })
  @IsOmittable()
  @ValidateNested({ each: true })
  @Type(() => AfterSaleItemInputDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  items?: AfterSaleItemInputDto[];

  @ApiProperty({ example: 'Arrived damaged', maxLength: 255 })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  @LongText()
  reason: string;
}

export class ReturnShipmentDto {
  @ApiProperty({ example: 'SF', maxLength: 20 })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,20}$/)
  carrier: string;

  @ApiProperty({ example: 'SF1234567890' })
  @IsString()
  @Matches(/^[0-9A-Za-z-]{4,40}$/)
  trackingNo: string;
}

export class RejectAfterSaleDto {
  @ApiProperty({ example: 'The goods were used', maxLength: 255 })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  @LongText()
  reason: string;
}

export class AfterSaleListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AFTER_SALE_STATUSES, enumName: 'AfterSaleStatus' })
  @IsOmittable()
  @IsIn(AFTER_SALE_STATUSES)
  status?: AfterSaleStatus;

  @ApiPropertyOptional({ type: 'integer', example: 1 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  orderId?: number;
}

export class AfterSaleLineDto {
  @ApiProperty({ type: 'integer', example: 3 }) orderItemId: number;
  @ApiProperty({ type: 'integer', example: 101 }) skuId: number;
  @ApiProperty({ type: 'integer', example: 1 }) quantity: number;
  @ApiProperty({ type: 'integer', example: 3990, description: 'fen' }) amount: number;
}

export class AfterSaleDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ type: 'integer', example: 1 }) orderId: number;
  @ApiProperty({ enum: AFTER_SALE_TYPES, enumName: 'AfterSaleType' }) type: AfterSaleType;
  @ApiProperty({ enum: AFTER_SALE_STATUSES, enumName: 'AfterSaleStatus', example: 'PENDING' }) status: AfterSaleStatus;
  @ApiProperty({ example: 'Arrived damaged' }) reason: string;
  @ApiProperty({ type: 'integer', example: 3990, description: 'What will be (or was) refunded, fen' }) refundAmount: number;
  @ApiProperty({ type: 'string', example: 'RF1aB3dE5fG', nullable: true, description: 'WeChat Pay out_refund_no' }) refundNo: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: null }) rejectReason: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: null, description: 'Why the last refund attempt failed' }) failureReason: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: null }) returnCarrier: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: null }) returnTrackingNo: string | null;
  @ApiProperty({ type: [AfterSaleLineDto] }) items: AfterSaleLineDto[];
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, example: null }) refundedAt: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-11-25T08:09:10.000Z' }) createdAt: string;
}

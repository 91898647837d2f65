import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOmittable, LongText } from '../../../../shared/http/validation';
import { PageQueryDto } from '../../../../shared/http/pagination';
import { DELIVERY_TYPES, DeliveryType, ORDER_STATUSES, OrderStatus } from '../../domain/order-status';

export class OrderLineInputDto {
  @ApiProperty({ type: 'integer', example: 101 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  skuId: number;

  @ApiProperty({ type: 'integer', example: 2, minimum: 1, maximum: 999 })
  @IsInt()
  @Min(1)
  @Max(999)
  quantity: number;
}

export class PlaceOrderDto {
  @ApiProperty({ type: [OrderLineInputDto], description: '1..50 lines; the same SKU twice is merged' })
  @ValidateNested({ each: true })
  @Type(() => OrderLineInputDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  items: OrderLineInputDto[];

  @ApiProperty({ enum: DELIVERY_TYPES, enumName: 'DeliveryType', example: 'EXPRESS' })
  @IsIn(DELIVERY_TYPES)
  deliveryType: DeliveryType;

  @ApiPropertyOptional({ type: 'integer', example: 5, description: 'Required for EXPRESS and LOCAL_DELIVERY' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  addressId?: number;

  @ApiPropertyOptional({ type: 'integer', example: 1, description: 'Required for LOCAL_DELIVERY, PICKUP and DINE_IN; optional for EXPRESS (the store that ships)' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  storeId?: number;

  @ApiPropertyOptional({ type: 'integer', example: 12, description: 'One of the shopper’s coupons' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  couponId?: number;

  @ApiPropertyOptional({ example: false, description: 'Spend points as far as the rules allow' })
  @IsOmittable()
  @IsBoolean()
  usePoints?: boolean;

  @ApiPropertyOptional({ example: 'Leave at the door', maxLength: 200 })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  @LongText()
  remark?: string;

  @ApiPropertyOptional({ example: true, description: 'Remove the ordered SKUs from the cart once placed' })
  @IsOmittable()
  @IsBoolean()
  fromCart?: boolean;
}

export class OrderItemDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ type: 'integer', example: 101 }) skuId: number;
  @ApiProperty({ type: 'integer', example: 11 }) productId: number;
  @ApiProperty({ example: 'Oolong tea 250 g' }) name: string;
  @ApiProperty({ example: { 规格: '250g' }, type: 'object', additionalProperties: { type: 'string' } }) specValues: Record<string, string>;
  @ApiProperty({ type: 'string', example: 'https://cdn.example.com/a.jpg', nullable: true }) image: string | null;
  @ApiProperty({ type: 'integer', example: 3990, description: 'Unit price in fen' }) price: number;
  @ApiProperty({ type: 'integer', example: 2 }) quantity: number;
  @ApiProperty({ type: 'integer', example: 7580, description: 'What was paid for this line in fen, after its share of every discount' }) payAmount: number;
}

export class AddressSnapshotDto {
  @ApiProperty({ example: '张三' }) receiverName: string;
  @ApiProperty({ example: '13800138000' }) phone: string;
  @ApiProperty({ example: '广东省' }) province: string;
  @ApiProperty({ example: '深圳市' }) city: string;
  @ApiProperty({ example: '南山区' }) district: string;
  @ApiProperty({ example: '科技园路 1 号' }) detail: string;
  @ApiProperty({ type: 'number', example: 22.54, nullable: true }) latitude: number | null;
  @ApiProperty({ type: 'number', example: 113.95, nullable: true }) longitude: number | null;
}

export class OrderDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ example: '261125080910aB3dE5fG7hJ9' }) orderNo: string;
  @ApiProperty({ enum: ORDER_STATUSES, enumName: 'OrderStatus', example: 'PENDING_PAYMENT' }) status: OrderStatus;
  @ApiProperty({ enum: DELIVERY_TYPES, enumName: 'DeliveryType', example: 'EXPRESS' }) deliveryType: DeliveryType;
  @ApiProperty({ type: 'integer', example: 1, nullable: true }) storeId: number | null;
  @ApiProperty({ type: [OrderItemDto] }) items: OrderItemDto[];
  @ApiProperty({ type: 'integer', example: 7980, description: 'Goods before discounts, fen' }) totalAmount: number;
  @ApiProperty({ type: 'integer', example: 0, description: 'Member discount, fen' }) discountAmount: number;
  @ApiProperty({ type: 'integer', example: 400, description: 'Coupon, fen' }) couponAmount: number;
  @ApiProperty({ type: 'integer', example: 0, description: 'Points, fen' }) pointsAmount: number;
  @ApiProperty({ type: 'integer', example: 800, description: 'Freight, fen' }) freightAmount: number;
  @ApiProperty({ type: 'integer', example: 8380, description: 'What the shopper pays, fen' }) payAmount: number;
  @ApiProperty({ type: AddressSnapshotDto, nullable: true }) address: AddressSnapshotDto | null;
  @ApiProperty({ type: 'string', example: '042318', nullable: true, description: 'PICKUP and DINE_IN only' }) pickupCode: string | null;
  @ApiProperty({ example: '', description: 'The shopper’s note' }) remark: string;
  @ApiProperty({ type: 'string', example: 'SF', nullable: true }) carrier: string | null;
  @ApiProperty({ type: 'string', example: 'SF1234567890', nullable: true }) trackingNo: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-11-25T08:39:10.000Z' }) expiresAt: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, example: null }) paidAt: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, example: null }) shippedAt: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, example: null }) completedAt: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, example: null }) cancelledAt: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-11-25T08:09:10.000Z' }) createdAt: string;
}

export class OrderPreviewLineDto extends OrderItemDto {
  @ApiProperty({ type: 'integer', example: 7980, description: 'price × quantity, fen' }) totalAmount: number;
  @ApiProperty({ type: 'integer', example: 0, description: 'fen' }) discountAmount: number;
  @ApiProperty({ type: 'integer', example: 400, description: 'fen' }) couponAmount: number;
  @ApiProperty({ type: 'integer', example: 0, description: 'fen' }) pointsAmount: number;
}

export class OrderPreviewDto {
  @ApiProperty({ type: [OrderPreviewLineDto] }) items: Omit<OrderPreviewLineDto, 'id'>[];
  @ApiProperty({ type: 'integer', example: 7980, description: 'fen' }) totalAmount: number;
  @ApiProperty({ type: 'integer', example: 0, description: 'fen' }) discountAmount: number;
  @ApiProperty({ type: 'integer', example: 0, description: 'fen' }) couponAmount: number;
  @ApiProperty({ type: 'integer', example: 0, description: 'fen' }) pointsAmount: number;
  @ApiProperty({ type: 'integer', example: 800, description: 'fen' }) freightAmount: number;
  @ApiProperty({ type: 'integer', example: 8780, description: 'fen' }) payAmount: number;
}

export class OrderListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES, enumName: 'OrderStatus' })
  @IsOmittable()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;
}

export class AdminOrderListQueryDto extends OrderListQueryDto {
  @ApiPropertyOptional({ type: 'integer', example: 1 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  storeId?: number;

  @ApiPropertyOptional({ example: '261125080910aB3dE5fG7hJ9' })
  @IsOmittable()
  @IsString()
  @Matches(/^[0-9A-Za-z_-]{1,32}$/)
  orderNo?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-01T00:00:00Z', description: 'Placed at or after (ISO 8601)' })
  @IsOmittable()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-12-01T00:00:00Z', description: 'Placed before (ISO 8601)' })
  @IsOmittable()
  @IsDateString({ strict: true })
  to?: string;
}

export class OrderLogDto {
  @ApiProperty({ enum: ORDER_STATUSES, enumName: 'OrderStatus', example: 'PENDING_PAYMENT', nullable: true, description: 'null for the first row (the order was placed)' }) fromStatus: string | null;
  @ApiProperty({ enum: ORDER_STATUSES, enumName: 'OrderStatus', example: 'PAID' }) toStatus: string;
  @ApiProperty({ example: 'system', description: 'shopper:<id>, staff:<id> or system' }) actor: string;
  @ApiProperty({ example: 'payment confirmed by WeChat Pay' }) reason: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-25T08:10:00.000Z' }) createdAt: string;
}

export class PaymentSummaryDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ example: 'PAID', enum: ['PENDING', 'PAID', 'CLOSED', 'REFUNDED'], enumName: 'PaymentStatus' }) status: string;
  @ApiProperty({ type: 'integer', example: 8380, description: 'fen' }) amount: number;
  @ApiProperty({ type: 'string', example: '4200001234202611250000000001', nullable: true }) transactionId: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, example: '2026-11-25T08:10:00.000Z' }) paidAt: string | null;
}

export class ShippingUploadDto {
  @ApiProperty({ example: 'UPLOADED', enum: ['PENDING', 'UPLOADED', 'FAILED'], enumName: 'ShippingUploadStatus', description: 'PENDING: being sent (retried); UPLOADED: WeChat accepted it; FAILED: retries ran out, tried again hourly' })
  status: string;
  @ApiProperty({ type: 'integer', example: 1, description: 'WeChat logistics_type: 1 express, 2 local delivery, 3 virtual (dine-in), 4 self-pickup' }) logisticsType: number;
  @ApiProperty({ type: 'integer', example: 1, description: 'How many times it was sent to WeChat' }) attempts: number;
  @ApiProperty({ type: 'string', example: null, nullable: true, description: 'WeChat’s answer to the last failed attempt' }) lastError: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-11-25T08:10:00.000Z', nullable: true }) uploadedAt: string | null;
}

export class AdminOrderDetailDto extends OrderDto {
  @ApiProperty({ type: 'integer', example: 12 }) shopperId: number;
  @ApiProperty({ type: [OrderLogDto] }) logs: OrderLogDto[];
  @ApiProperty({ type: [PaymentSummaryDto], description: 'One per pay attempt' }) payments: PaymentSummaryDto[];
  @ApiProperty({
    type: ShippingUploadDto,
    nullable: true,
    description: 'The shipping information WeChat needs before it releases the funds (sent when the order ships or is completed at the counter)',
  })
  shippingUpload: ShippingUploadDto | null;
}

export class ShipOrderDto {
  @ApiProperty({ enum: ['SF', 'OTHER'], enumName: 'ShipCarrier', example: 'OTHER' })
  @IsIn(['SF', 'OTHER'])
  carrier: 'SF' | 'OTHER';

  @ApiPropertyOptional({ example: 'YT1234567890', description: 'Required until SF waybills are ordered automatically' })
  @IsOmittable()
  @IsString()
  @Matches(/^[0-9A-Za-z-]{4,40}$/)
  trackingNo?: string;
}

export class VerifyPickupDto {
  @ApiProperty({ example: '042318' })
  @IsString()
  @Matches(/^\d{6}$/)
  pickupCode: string;
}

export class CancelOrderDto {
  @ApiPropertyOptional({ example: 'Changed my mind', maxLength: 200 })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @LongText()
  reason?: string;
}

export class OrderSettingsDto {
  @ApiProperty({ type: 'integer', example: 30, minimum: 1, maximum: 1440 })
  @IsInt()
  @Min(1)
  @Max(1440)
  payTimeoutMinutes: number;

  @ApiProperty({ type: 'integer', example: 7, minimum: 1, maximum: 60 })
  @IsInt()
  @Min(1)
  @Max(60)
  autoConfirmDays: number;

  @ApiProperty({ type: 'integer', example: 7, minimum: 0, maximum: 365 })
  @IsInt()
  @Min(0)
  @Max(365)
  afterSaleDays: number;

  @ApiProperty({ type: 'integer', example: 800, description: 'Flat EXPRESS freight, fen (0: free shipping)' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  expressFee: number;

  @ApiProperty({ type: 'integer', example: 9900, description: 'EXPRESS is free from this goods amount, fen (0: never free)' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  expressFreeThreshold: number;
}

export class UpdateOrderSettingsDto {
  @ApiPropertyOptional({ type: 'integer', example: 30 }) @IsOmittable() @IsInt() @Min(1) @Max(1440) payTimeoutMinutes?: number;
  @ApiPropertyOptional({ type: 'integer', example: 7 }) @IsOmittable() @IsInt() @Min(1) @Max(60) autoConfirmDays?: number;
  @ApiPropertyOptional({ type: 'integer', example: 7 }) @IsOmittable() @IsInt() @Min(0) @Max(365) afterSaleDays?: number;
  @ApiPropertyOptional({ type: 'integer', example: 800, description: 'fen' }) @IsOmittable() @IsInt() @Min(0) @Max(1_000_000) expressFee?: number;
  @ApiPropertyOptional({ type: 'integer', example: 9900, description: 'fen' }) @IsOmittable() @IsInt() @Min(0) @Max(100_000_000) expressFreeThreshold?: number;
}

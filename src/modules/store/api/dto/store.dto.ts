import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from '../../../../shared/http/validation';
import { PageQueryDto } from '../../../../shared/http/pagination';
import { CLOSE_TIME_PATTERN, OPEN_TIME_PATTERN } from '../../domain/business-hours';
import { DEFAULT_TIME_ZONE, DELIVERY_TYPES, DeliveryType, STORE_STATUSES, StoreStatus } from '../../domain/store.types';

export class BusinessHoursDto {
  @ApiProperty({ type: 'integer', example: 1, minimum: 1, maximum: 7, description: 'ISO weekday: 1 = Monday … 7 = Sunday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: number;

  @ApiProperty({ example: '09:00', description: 'Local opening time, HH:MM' })
  @IsString()
  @Matches(OPEN_TIME_PATTERN, { message: 'open must be HH:MM (00:00 to 23:59)' })
  open: string;

  @ApiProperty({
    example: '21:00',
    description: 'Local closing time, HH:MM (24:00 = end of day). Earlier than open: the range crosses midnight into the next day.',
  })
  @IsString()
  @Matches(CLOSE_TIME_PATTERN, { message: 'close must be HH:MM (00:00 to 24:00)' })
  close: string;
}

export class CreateStoreDto {
  @ApiProperty({ example: '静安寺店', maxLength: 64 })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  name: string;

  @ApiProperty({ example: '上海市静安区南京西路 1686 号', maxLength: 255 })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  address: string;

  @ApiProperty({ example: 31.2235, minimum: -90, maximum: 90 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLatitude()
  latitude: number;

  @ApiProperty({ example: 121.4452, minimum: -180, maximum: 180 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLongitude()
  longitude: number;

  @ApiProperty({ example: '021-62481234', maxLength: 32 })
  @IsString()
  @Matches(/^[0-9+\-() ]{3,32}$/, { message: 'phone must be 3 to 32 digits, spaces, +, -, ( or )' })
  phone: string;

  @ApiProperty({ type: [BusinessHoursDto], description: 'Weekly hours; several ranges a day allowed. Empty: never open.' })
  @IsArray()
  @ArrayMaxSize(70)
  @ValidateNested({ each: true })
  @Type(() => BusinessHoursDto)
  businessHours: BusinessHoursDto[];

  @ApiProperty({ type: 'integer', example: 3000, minimum: 0, maximum: 200000, description: 'Local delivery radius in metres' })
  @IsInt()
  @Min(0)
  @Max(200_000)
  deliveryRadiusMeters: number;

  @ApiPropertyOptional({ type: 'integer', example: 500, minimum: 0, default: 0, description: 'Local delivery fee in fen' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(100_000_00)
  localDeliveryFee?: number;

  @ApiProperty({ enum: DELIVERY_TYPES, enumName: 'DeliveryType', isArray: true, example: ['PICKUP', 'LOCAL_DELIVERY'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(DELIVERY_TYPES, { each: true })
  serviceModes: DeliveryType[];

  @ApiPropertyOptional({ enum: STORE_STATUSES, enumName: 'StoreStatus', default: 'OPEN', description: 'CLOSED = temporarily closed, whatever the hours' })
  @IsOmittable()
  @IsIn(STORE_STATUSES)
  status?: StoreStatus;

  @ApiPropertyOptional({ example: DEFAULT_TIME_ZONE, default: DEFAULT_TIME_ZONE, description: 'IANA time zone of the business hours' })
  @IsOmittable()
  @IsString()
  @MaxLength(64)
  timeZone?: string;
}

export class UpdateStoreDto extends PartialType(CreateStoreDto, { skipNullProperties: false }) {}

export class AdminStoreQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STORE_STATUSES, enumName: 'StoreStatus' })
  @IsOmittable()
  @IsIn(STORE_STATUSES)
  status?: StoreStatus;
}

export class NearbyStoresQueryDto {
  @ApiPropertyOptional({ example: 31.2304, description: 'Shopper latitude; with longitude, sorts nearest first' })
  @IsOmittable()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLatitude()
  latitude?: number;

  @ApiPropertyOptional({ example: 121.4737 })
  @IsOmittable()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLongitude()
  longitude?: number;
}

export class StoreDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ example: '静安寺店' }) name: string;
  @ApiProperty({ example: '上海市静安区南京西路 1686 号' }) address: string;
  @ApiProperty({ example: 31.2235 }) latitude: number;
  @ApiProperty({ example: 121.4452 }) longitude: number;
  @ApiProperty({ example: '021-62481234' }) phone: string;
  @ApiProperty({ type: [BusinessHoursDto] }) businessHours: BusinessHoursDto[];
  @ApiProperty({ type: 'integer', example: 3000, description: 'metres' }) deliveryRadiusMeters: number;
  @ApiProperty({ type: 'integer', example: 500, description: 'fen' }) localDeliveryFee: number;
  @ApiProperty({ enum: DELIVERY_TYPES, enumName: 'DeliveryType', isArray: true }) serviceModes: DeliveryType[];
  @ApiProperty({ enum: STORE_STATUSES, enumName: 'StoreStatus' }) status: StoreStatus;
  @ApiProperty({ example: DEFAULT_TIME_ZONE }) timeZone: string;
  @ApiProperty({ description: 'Open right now (status OPEN and inside the hours, in the store time zone)' }) isOpen: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class NearbyStoreDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ example: '静安寺店' }) name: string;
  @ApiProperty({ example: '上海市静安区南京西路 1686 号' }) address: string;
  @ApiProperty({ example: '021-62481234' }) phone: string;
  @ApiProperty({ example: 31.2235 }) latitude: number;
  @ApiProperty({ example: 121.4452 }) longitude: number;
  @ApiProperty({ example: 1250, nullable: true, type: 'integer', description: 'Great-circle distance in metres; null without a location' })
  distanceMeters: number | null;
  @ApiProperty() isOpen: boolean;
  @ApiProperty({ enum: DELIVERY_TYPES, enumName: 'DeliveryType', isArray: true }) serviceModes: DeliveryType[];
  @ApiProperty({ type: [BusinessHoursDto] }) businessHours: BusinessHoursDto[];
  @ApiProperty({ type: 'integer', example: 3000, description: 'metres' }) deliveryRadiusMeters: number;
  @ApiProperty({ type: 'integer', example: 500, description: 'fen' }) localDeliveryFee: number;
}

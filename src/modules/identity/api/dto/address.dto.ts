import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNumber, IsString, Length, Matches, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { IsOmittable } from '../../../../shared/http/validation';

/**
 * At most `places` decimal places. (class-validator's maxDecimalPlaces reads the digits after the
 * '.' of toString() and throws on numbers it prints in exponent form, such as 5e-324.)
 */
function HasAtMostDecimalPlaces(places: number): PropertyDecorator {
  return ValidateBy({
    name: 'hasAtMostDecimalPlaces',
    validator: {
      validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(places)) === value,
      defaultMessage: (args) => `${args?.property} must have at most ${places} decimal places`,
    },
  });
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const NO_CONTROL = /^[^\p{Cc}\p{Cf}]+$/u;
/** A mainland mobile number, or a landline with its area code (021-12345678, extension optional). */
export const ADDRESS_PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

export class CreateAddressDto {
  @ApiProperty({ example: '王小明', maxLength: 32 })
  @Transform(trim)
  @IsString()
  @Length(1, 32)
  @Matches(NO_CONTROL, { message: 'receiverName must not contain control characters' })
  receiverName: string;

  @ApiProperty({ example: '13800138000', description: 'Mainland mobile (11 digits) or landline with area code, e.g. 021-12345678' })
  @Transform(trim)
  @IsString()
  @Matches(ADDRESS_PHONE, { message: 'phone must be a mainland mobile number or a landline such as 021-12345678' })
  phone: string;

  @ApiProperty({ example: '上海市', maxLength: 32 })
  @Transform(trim)
  @IsString()
  @Length(1, 32)
  @Matches(NO_CONTROL, { message: 'province must not contain control characters' })
  province: string;

  @ApiProperty({ example: '上海市', maxLength: 32 })
  @Transform(trim)
  @IsString()
  @Length(1, 32)
  @Matches(NO_CONTROL, { message: 'city must not contain control characters' })
  city: string;

  @ApiProperty({ example: '徐汇区', maxLength: 32 })
  @Transform(trim)
  @IsString()
  @Length(1, 32)
  @Matches(NO_CONTROL, { message: 'district must not contain control characters' })
  district: string;

  @ApiProperty({ example: '漕溪北路 88 号 12 楼', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  @Matches(NO_CONTROL, { message: 'detail must not contain control characters' })
  detail: string;

  @ApiPropertyOptional({ example: true, description: 'Make this the default address (the previous default stops being one). The first address is always the default.' })
  @IsOmittable()
  @IsBoolean()
  isDefault?: boolean;

  @ApiPropertyOptional({ example: 31.1956, minimum: -90, maximum: 90, description: 'Given together with longitude (GCJ-02, as wx.chooseLocation returns)' })
  @ValidateIf((o: CreateAddressDto) => o.latitude !== undefined || o.longitude !== undefined)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @HasAtMostDecimalPlaces(7)
  @Min(-90)
  @Max(90)
  latitude?: number;

  @ApiPropertyOptional({ example: 121.4375, minimum: -180, maximum: 180, description: 'Given together with latitude' })
  @ValidateIf((o: CreateAddressDto) => o.latitude !== undefined || o.longitude !== undefined)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @HasAtMostDecimalPlaces(7)
  @Min(-180)
  @Max(180)
  longitude?: number;
}

/** Only the fields given change; null is refused (every field of an address is required). */
export class UpdateAddressDto extends PartialType(CreateAddressDto, { skipNullProperties: false }) {}

export class AddressDto {
  @ApiProperty({ type: 'integer', example: 3 }) id: number;
  @ApiProperty({ example: '王小明' }) receiverName: string;
  @ApiProperty({ example: '13800138000' }) phone: string;
  @ApiProperty({ example: '上海市' }) province: string;
  @ApiProperty({ example: '上海市' }) city: string;
  @ApiProperty({ example: '徐汇区' }) district: string;
  @ApiProperty({ example: '漕溪北路 88 号 12 楼' }) detail: string;
  @ApiProperty({ example: true }) isDefault: boolean;
  @ApiProperty({ example: 31.1956, nullable: true, type: Number }) latitude: number | null;
  @ApiProperty({ example: 121.4375, nullable: true, type: Number }) longitude: number | null;
  @ApiProperty({ example: '2026-11-25T08:00:00.000Z' }) createdAt: Date;
  @ApiProperty({ example: '2026-11-25T08:00:00.000Z' }) updatedAt: Date;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class MenuNodeDto {
  @ApiProperty({ example: 'orders' }) key: string;
  @ApiProperty({ example: '订单', description: 'Title in Chinese (zh-CN), the console default. Titles are given in both languages whatever the Accept-Language; `titleEn` holds the English one.' })
  title: string;
  @ApiProperty({ example: 'Orders', description: 'Title in English' }) titleEn: string;
  @ApiPropertyOptional({ example: '/orders', description: 'Console route (leaves)' }) path?: string;
  @ApiPropertyOptional({ example: 'orders' }) icon?: string;
  @ApiPropertyOptional({ example: 'order:read', description: 'The permission that shows this page' }) permission?: string;
  @ApiPropertyOptional({ type: () => MenuNodeDto, isArray: true }) children?: MenuNodeDto[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class MenuNodeDto {
  @ApiProperty({ example: 'orders' }) key: string;
  @ApiProperty({ example: 'Orders' }) title: string;
  @ApiPropertyOptional({ example: '/orders', description: 'Console route (leaves)' }) path?: string;
  @ApiPropertyOptional({ example: 'orders' }) icon?: string;
  @ApiPropertyOptional({ example: 'order:read', description: 'The permission that shows this page' }) permission?: string;
  @ApiPropertyOptional({ type: () => MenuNodeDto, isArray: true }) children?: MenuNodeDto[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The contract's error body. */
export class ApiErrorDto {
  @ApiProperty({ example: 409 })
  statusCode: number;

  @ApiProperty({ example: 'OUT_OF_STOCK', description: 'Stable UPPER_SNAKE code' })
  code: string;

  @ApiProperty({ example: 'SKU 12 has only 1 left' })
  message: string;

  @ApiPropertyOptional({ description: 'More about the error; for VALIDATION_FAILED a list of { field, message }' })
  details?: unknown;

  @ApiProperty({ example: '5b0c2d7e-8a0e-4c4f-9b7a-2f4c1f9d8e11', description: 'Also in the X-Request-Id header and the logs' })
  requestId: string;
}

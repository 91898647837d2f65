import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiSchema, getSchemaPath } from '@nestjs/swagger';

/** One refused field of a 400 VALIDATION_FAILED: the body path, query key, path parameter or header. */
@ApiSchema({ name: 'ErrorDetail' })
export class ErrorDetailDto {
  @ApiProperty({ example: 'items.0.quantity', description: 'The body path (`body` for an unparsable body), query key, path parameter or header' })
  field: string;

  @ApiProperty({ example: 'quantity must not be greater than 999' })
  message: string;
}

/** The contract's error body (the schema `ErrorResponse` of the OpenAPI document). */
@ApiSchema({ name: 'ErrorResponse' })
@ApiExtraModels(ErrorDetailDto)
export class ApiErrorDto {
  @ApiProperty({ type: 'integer', example: 409, description: 'The HTTP status, repeated' })
  statusCode: number;

  @ApiProperty({ example: 'OUT_OF_STOCK', pattern: '^[A-Z][A-Z0-9_]*$', description: 'Stable UPPER_SNAKE code: the machine key' })
  code: string;

  @ApiProperty({ example: '库存不足', description: 'Human readable, in the language of `Accept-Language` (zh-CN by default, en)' })
  message: string;

  @ApiPropertyOptional({
    description:
      'For VALIDATION_FAILED, the refused fields as `{ field, message }`; for some other codes an object named in the operation ' +
      '(e.g. `retryAfterSeconds` of a login lockout, `codes` of UNKNOWN_PERMISSION, WeChat Pay’s answer of an UPSTREAM_ERROR)',
    oneOf: [
      { type: 'array', items: { $ref: getSchemaPath(ErrorDetailDto) } },
      { type: 'object', additionalProperties: true },
    ],
  })
  details?: ErrorDetailDto[] | Record<string, unknown>;

  @ApiProperty({ example: '5b0c2d7e-8a0e-4c4f-9b7a-2f4c1f9d8e11', description: 'Also in the X-Request-Id header and the logs' })
  requestId: string;
}

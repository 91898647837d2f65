import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsOmittable } from '../../../shared/http/validation';
import { RequirePermissions } from '../../../shared/auth/auth.decorators';
import { ApiPageResponse, Page, pageOf, PageQueryDto } from '../../../shared/http/pagination';
import { AuditPermissions } from '../audit.permissions';
import { OperationLogService } from '../application/operation-log.service';

const toDate = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : value);

export class OperationLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', example: 2 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  staffId?: number;

  @ApiPropertyOptional({ example: 'admin' })
  @IsOmittable()
  @IsString()
  @MaxLength(64)
  username?: string;

  @ApiPropertyOptional({ enum: ['POST', 'PUT', 'PATCH', 'DELETE'], enumName: 'WriteMethod' })
  @IsOmittable()
  @IsIn(['POST', 'PUT', 'PATCH', 'DELETE'])
  method?: string;

  @ApiPropertyOptional({ example: 'roles', description: 'The resource: first path segment after /admin/' })
  @IsOmittable()
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/)
  targetType?: string;

  @ApiPropertyOptional({ example: '5' })
  @IsOmittable()
  @IsString()
  @MaxLength(64)
  targetId?: string;

  @ApiPropertyOptional({ enum: ['SUCCESS', 'FAILURE'], enumName: 'OperationOutcome' })
  @IsOmittable()
  @IsIn(['SUCCESS', 'FAILURE'])
  outcome?: 'SUCCESS' | 'FAILURE';

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z', description: 'From this instant (inclusive), ISO 8601' })
  @IsOmittable()
  @Transform(toDate)
  @IsDate({ message: 'from must be an ISO 8601 date-time' })
  from?: Date;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z', description: 'Before this instant (exclusive), ISO 8601' })
  @IsOmittable()
  @Transform(toDate)
  @IsDate({ message: 'to must be an ISO 8601 date-time' })
  to?: Date;
}

export class OperationLogDto {
  @ApiProperty({ type: 'integer', example: 41 }) id: number;
  @ApiProperty({ example: 2, nullable: true, type: 'integer', description: 'null for an anonymous call (a failed login)' }) staffId: number | null;
  @ApiProperty({ example: 'admin', nullable: true, type: String }) username: string | null;
  @ApiProperty({ example: 'PATCH' }) method: string;
  @ApiProperty({ example: '/api/v1/admin/roles/:id' }) route: string;
  @ApiProperty({ example: '/api/v1/admin/roles/5' }) path: string;
  @ApiProperty({ example: 'roles', nullable: true, type: String }) targetType: string | null;
  @ApiProperty({ example: '5', nullable: true, type: String }) targetId: string | null;
  @ApiProperty({ enum: ['SUCCESS', 'FAILURE'], enumName: 'OperationOutcome' }) outcome: 'SUCCESS' | 'FAILURE';
  @ApiProperty({ type: 'integer', example: 200 }) statusCode: number;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'The error code of a failure' }) errorCode: string | null;
  @ApiProperty({ example: '203.0.113.7', nullable: true, type: String }) ip: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { name: 'Store manager', permissions: ['order:read'] }, nullable: true, description: 'The request body; passwords, tokens and keys are "[redacted]"' })
  body: unknown;
  @ApiProperty() createdAt: Date;
}

@ApiTags('admin / operation log')
@Controller('admin/operation-logs')
export class OperationLogController {
  constructor(private readonly logs: OperationLogService) {}

  @RequirePermissions(AuditPermissions['operation-log:read'])
  @Get()
  @ApiOperation({ summary: 'The operation log of staff writes, newest first' })
  @ApiPageResponse(OperationLogDto)
  async list(@Query() query: OperationLogQueryDto): Promise<Page<OperationLogDto>> {
    const { items, total } = await this.logs.page(
      {
        staffId: query.staffId,
        username: query.username,
        method: query.method,
        targetType: query.targetType,
        targetId: query.targetId,
        outcome: query.outcome,
        from: query.from,
        to: query.to,
      },
      query.skip,
      query.pageSize,
    );
    return pageOf(items, total, query);
  }
}

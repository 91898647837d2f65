import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorDto } from '../http/api-error';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { REDIS } from '../redis/redis.module';

class HealthChecksDto {
  @ApiProperty({ enum: ['up', 'down'], enumName: 'CheckState', example: 'up' }) database: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down', 'disabled'], enumName: 'RedisCheckState', example: 'disabled' }) redis: 'up' | 'down' | 'disabled';
}

class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'], enumName: 'HealthStatus', example: 'ok' }) status: 'ok' | 'error';
  @ApiProperty({ type: HealthChecksDto }) checks: HealthChecksDto;
}

async function check(probe: () => Promise<unknown>, timeoutMs = 1500): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('service / health')
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {}

  @Public()
  @SkipThrottle()
  @Get('health')
  @ApiOperation({ summary: 'Liveness and readiness: database and Redis checks' })
  @ApiResponse({ status: 200, type: HealthDto, description: 'Everything up' })
  @ApiResponse({ status: 503, type: HealthDto, description: 'A check is down' })
  // The JSON body parser runs before every route, this one included.
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'VALIDATION_FAILED: the request carried a JSON body that does not parse' })
  async health(@Res() res: Response): Promise<void> {
    const [database, redis] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      this.redis ? check(() => this.redis!.ping()) : Promise.resolve('disabled' as const),
    ]);
    const ok = database === 'up' && redis !== 'down';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: ok ? 'ok' : 'error', checks: { database, redis } });
  }
}

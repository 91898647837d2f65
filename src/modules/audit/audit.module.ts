import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { OperationLogController } from './api/operation-log.controller';
import { OperationLogInterceptor } from './application/operation-log.interceptor';
import { OperationLogService } from './application/operation-log.service';

/** The operation log: every staff write, recorded by a global interceptor, listed with filters. */
@Module({
  controllers: [OperationLogController],
  providers: [OperationLogService, { provide: APP_INTERCEPTOR, useClass: OperationLogInterceptor }],
  exports: [OperationLogService],
})
export class AuditModule {}

/** The audit context's public surface. */
export { AuditModule } from './audit.module';
export { AuditPermissions } from './audit.permissions';
export { OperationLogService } from './application/operation-log.service';
export type { OperationLogView, OperationLogFilter } from './application/operation-log.service';

import { OperationLogEntity } from './operation-log.entity';

export const auditEntities: Function[] = [OperationLogEntity];

import { OperationLogEntity } from './domain/operation-log.entity';

/** The tables of the audit context, contributed to the data source by src/entities.ts. */
export const auditEntities: Function[] = [OperationLogEntity];

import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction-runner';
import { OperationLogEntity, OperationOutcome } from '../domain/operation-log.entity';

export interface OperationLogEntry {
  staffId: number | null;
  username: string | null;
  method: string;
  route: string;
  path: string;
  targetType: string | null;
  targetId: string | null;
  outcome: OperationOutcome;
  statusCode: number;
  errorCode: string | null;
  ip: string | null;
  requestId: string | null;
  body: string | null;
}

export interface OperationLogView extends Omit<OperationLogEntry, 'body'> {
  id: number;
  body: unknown;
  createdAt: Date;
}

export interface OperationLogFilter {
  staffId?: number;
  username?: string;
  method?: string;
  targetType?: string;
  targetId?: string;
  outcome?: OperationOutcome;
  from?: Date;
  to?: Date;
}

function toView(row: OperationLogEntity): OperationLogView {
  let body: unknown = null;
  if (row.body !== null) {
    try {
      body = JSON.parse(row.body);
    } catch {
      body = row.body;
    }
  }
  return {
    id: row.id,
    staffId: row.staffId,
    username: row.username,
    method: row.method,
    route: row.route,
    path: row.path,
    targetType: row.targetType,
    targetId: row.targetId,
    outcome: row.outcome,
    statusCode: row.statusCode,
    errorCode: row.errorCode,
    ip: row.ip,
    requestId: row.requestId,
    body,
    createdAt: row.createdAt,
  };
}

/** Stores and lists the operation log (its own table; nothing else writes it). */
@Injectable()
export class OperationLogService {
  private readonly logger = new Logger('OperationLog');

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  /** Never fails the request it describes: a storage failure is logged instead. */
  async record(entry: OperationLogEntry): Promise<void> {
    try {
      await this.tx.run((em) => em.insert(OperationLogEntity, entry));
    } catch (error) {
      this.logger.error({ err: error, entry: { ...entry, body: undefined } }, 'Could not store an operation log entry');
    }
  }

  async page(filter: OperationLogFilter, skip: number, take: number): Promise<{ items: OperationLogView[]; total: number }> {
    const qb = this.dataSource.manager.createQueryBuilder(OperationLogEntity, 'l').orderBy('l.createdAt', 'DESC').addOrderBy('l.id', 'DESC').skip(skip).take(take);
    if (filter.staffId !== undefined) qb.andWhere('l.staffId = :staffId', { staffId: filter.staffId });
    if (filter.username !== undefined) qb.andWhere('l.username = :username', { username: filter.username.toLowerCase() });
    if (filter.method !== undefined) qb.andWhere('l.method = :method', { method: filter.method });
    if (filter.targetType !== undefined) qb.andWhere('l.targetType = :targetType', { targetType: filter.targetType });
    if (filter.targetId !== undefined) qb.andWhere('l.targetId = :targetId', { targetId: filter.targetId });
    if (filter.outcome !== undefined) qb.andWhere('l.outcome = :outcome', { outcome: filter.outcome });
    if (filter.from !== undefined) qb.andWhere('l.createdAt >= :from', { from: filter.from });
    if (filter.to !== undefined) qb.andWhere('l.createdAt < :to', { to: filter.to });
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toView), total };
  }
}

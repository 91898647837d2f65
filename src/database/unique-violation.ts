import { QueryFailedError } from 'typeorm';

/**
 * true when a write failed on a unique (or primary key) constraint: MySQL/MariaDB `ER_DUP_ENTRY`,
 * SQLite `SQLITE_CONSTRAINT_UNIQUE` / `SQLITE_CONSTRAINT_PRIMARYKEY`. The one copy of this rule:
 * use cases that race on a unique key (ledger refs, transaction ids, idempotency keys) ask it.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = (error as { driverError?: { code?: string } }).driverError;
  const code = driver?.code ?? (error as { code?: string }).code ?? '';
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

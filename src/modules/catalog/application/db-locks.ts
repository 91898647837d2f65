import type { EntityManager } from 'typeorm';

/**
 * A row lock held until commit on MySQL (FOR UPDATE; MariaDB has no FOR SHARE). SQLite runs one
 * transaction at a time (see TransactionRunner) and TypeORM refuses lock clauses there.
 */
export function writeLock(em: EntityManager): { lock?: { mode: 'pessimistic_write' } } {
  return em.connection.options.type === 'better-sqlite3' ? {} : { lock: { mode: 'pessimistic_write' } };
}

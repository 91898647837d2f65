import type { EntityManager } from 'typeorm';

/**
 * Row lock for reads that must hold until commit on MySQL. SQLite runs one transaction at a time
 * (see TransactionRunner) and TypeORM refuses lock clauses there, so no lock is needed or asked.
 */
export function writeLock(em: EntityManager): { lock?: { mode: 'pessimistic_write' } } {
  return em.connection.options.type === 'better-sqlite3' ? {} : { lock: { mode: 'pessimistic_write' } };
}

export function readLock(em: EntityManager): { lock?: { mode: 'pessimistic_read' } } {
  return em.connection.options.type === 'better-sqlite3' ? {} : { lock: { mode: 'pessimistic_read' } };
}

import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

const pending = new WeakMap<QueryRunner, Array<() => void>>();
const watched = new WeakSet<DataSource>();
const logger = new Logger('AfterCommit');

/** Runs the callbacks of a query runner once its outermost transaction commits; drops them on rollback. */
class AfterCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A released savepoint also reports a commit; only the outermost COMMIT counts.
    if (event.queryRunner.isTransactionActive) return;
    const callbacks = pending.get(event.queryRunner);
    if (!callbacks) return;
    pending.delete(event.queryRunner);
    for (const callback of callbacks) {
      try {
        callback();
      } catch (error) {
        logger.error({ err: error }, 'An after-commit callback failed');
      }
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) pending.delete(event.queryRunner);
  }
}

/**
 * Runs `callback` after the transaction of `em` commits (immediately when `em` is not in a
 * transaction), and never when it rolls back. Used to emit events and invalidate caches only for
 * changes that really happened, from code that runs inside a caller's transaction.
 *
 * Register callbacks after the work they describe succeeded: a callback registered inside a
 * savepoint that is later rolled back still runs when the outer transaction commits.
 */
export function afterCommit(em: EntityManager, callback: () => void): void {
  const runner = em.queryRunner;
  if (!runner || !runner.isTransactionActive) {
    callback();
    return;
  }
  const dataSource = runner.dataSource;
  if (!watched.has(dataSource)) {
    watched.add(dataSource);
    dataSource.subscribers.push(new AfterCommitSubscriber());
  }
  const callbacks = pending.get(runner);
  if (callbacks) callbacks.push(callback);
  else pending.set(runner, [callback]);
}

/** Throws unless `em` runs inside a transaction (for services meant to join their caller's). */
export function assertInTransaction(em: EntityManager, what: string): void {
  if (!em.queryRunner?.isTransactionActive) {
    throw new Error(`${what} must run inside a transaction (pass the entity manager of TransactionRunner.run)`);
  }
}

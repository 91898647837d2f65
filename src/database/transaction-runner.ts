import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

const RETRYABLE_MYSQL_ERRORS = new Set([1213 /* deadlock */, 1205 /* lock wait timeout */]);

/**
 * Runs one use case in one transaction; the entity manager is passed explicitly to every
 * repository call inside it.
 *
 * SQLite (better-sqlite3) has a single connection for the whole process: two overlapping
 * transactions would share it and corrupt each other, so on SQLite transactions are queued and run
 * one at a time. On MySQL a deadlock victim is retried a few times.
 */
@Injectable()
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serial: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.serial = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serial) return this.withRetry(work);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async withRetry<T>(work: (em: EntityManager) => Promise<T>, attempt = 1): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      const errno = (error as { driverError?: { errno?: number } }).driverError?.errno ?? (error as { errno?: number }).errno;
      if (attempt < 4 && errno !== undefined && RETRYABLE_MYSQL_ERRORS.has(errno)) {
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
        return this.withRetry(work, attempt + 1);
      }
      throw error;
    }
  }
}

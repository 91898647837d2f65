import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { catchError, from, map, Observable, of, switchMap, throwError } from 'rxjs';
import { DataSource, IsNull } from 'typeorm';
import { TransactionRunner } from '../../database/transaction-runner';
import { IdempotencyKeyInFlightError, IdempotencyKeyReusedError } from './idempotency.errors';
import type { RequestWithContext } from '../http/request-context';
import { ValidationFailedError } from '../http/validation';
import { IdempotencyRecordEntity } from './idempotency-record.entity';
import { isUniqueViolation } from '../../database/unique-violation';

const IDEMPOTENT = 'idempotent';
const KEY_PATTERN = /^[\x21-\x7e]{1,64}$/;
const WAIT_FOR_FIRST_MS = 5000;

/** Honours an optional `Idempotency-Key` header on this route (see the contract). */
export const Idempotent = () =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, true),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: '1..64 printable characters. The same key from the same caller returns the first result and does nothing again; the same key with a different body is 409 IDEMPOTENCY_CONFLICT.',
    }),
  );


/**
 * Records the first answer per (caller, route, key). A replay with the same body gets the stored
 * answer; another body gets 409 IDEMPOTENCY_CONFLICT. A request that fails leaves no record, so
 * the client may retry with the same key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get<boolean>(IDEMPOTENT, context.getHandler())) return next.handle();
    const req = context.switchToHttp().getRequest<Request & RequestWithContext>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.headers['idempotency-key'];
    if (key === undefined) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      return throwError(() => new ValidationFailedError([{ field: 'Idempotency-Key', message: { zh: '必须是 1 到 64 个可打印字符', en: 'must be 1..64 printable characters' } }]));
    }
    const principal = req.principal;
    const who = principal?.kind === 'shopper' ? `shopper:${principal.shopperId}` : principal?.kind === 'staff' ? `staff:${principal.staffId}` : `ip:${req.ip}`;
    const scope = `${who}:${req.method} ${req.path}`.slice(0, 160);
    const requestHash = createHash('sha256').update(JSON.stringify(req.body ?? null)).digest('hex');

    return from(this.claim(scope, key, requestHash)).pipe(
      switchMap((existing) => {
        if (existing) {
          res.status(existing.statusCode!);
          res.setHeader('Idempotent-Replayed', 'true');
          return of(existing.responseBody);
        }
        return next.handle().pipe(
          switchMap((body) => from(this.complete(scope, key, res.statusCode, body)).pipe(map(() => body))),
          catchError((error) => from(this.release(scope, key)).pipe(switchMap(() => throwError(() => error)))),
        );
      }),
    );
  }

  /** Returns the finished first answer to replay, or null when this request goes ahead. */
  private async claim(scope: string, key: string, requestHash: string): Promise<IdempotencyRecordEntity | null> {
    try {
      await this.tx.run((em) => em.insert(IdempotencyRecordEntity, { scope, idempotencyKey: key, requestHash, statusCode: null, responseBody: null as never }));
      return null;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const record = await this.dataSource.manager.findOneBy(IdempotencyRecordEntity, { scope, idempotencyKey: key });
      if (!record) return this.claim(scope, key, requestHash);
      if (record.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
      if (record.statusCode !== null) return record;
      if (Date.now() > deadline) throw new IdempotencyKeyInFlightError();
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async complete(scope: string, key: string, statusCode: number, body: unknown): Promise<void> {
    await this.tx.run((em) => em.update(IdempotencyRecordEntity, { scope, idempotencyKey: key }, { statusCode, responseBody: (body ?? null) as never }));
  }

  private async release(scope: string, key: string): Promise<void> {
    await this.tx.run((em) => em.delete(IdempotencyRecordEntity, { scope, idempotencyKey: key, statusCode: IsNull() }));
  }
}

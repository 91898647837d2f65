import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { DomainError } from '../../../shared/domain/domain-error';
import type { RequestWithContext } from '../../../shared/http/request-context';
import { redactedJson } from '../domain/redact';
import { OperationLogService } from './operation-log.service';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ADMIN_PREFIX = '/api/v1/admin/';

function statusOf(error: unknown): { statusCode: number; errorCode: string | null } {
  if (error instanceof DomainError) return { statusCode: error.status, errorCode: error.code };
  if (error instanceof HttpException) {
    const statusCode = error.getStatus();
    // The error filter answers Nest's own 400s (e.g. a malformed path id) as VALIDATION_FAILED.
    return { statusCode, errorCode: statusCode === 400 ? 'VALIDATION_FAILED' : null };
  }
  return { statusCode: 500, errorCode: 'INTERNAL_ERROR' };
}

function short(value: unknown, max: number): string | null {
  if (value === null || value === undefined || value === '') return null;
  const text = String(value);
  return text.length > max ? text.slice(0, max) : text;
}

/**
 * Records every staff write (POST / PUT / PATCH / DELETE under /api/v1/admin/) that got past the
 * auth guard, after the handler has finished: success or failure alike. Logins are recorded too
 * (the account, or the username tried). The entry is stored before the response is sent.
 */
@Injectable()
export class OperationLogInterceptor implements NestInterceptor {
  constructor(private readonly log: OperationLogService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request & RequestWithContext>();
    const res = context.switchToHttp().getResponse<Response>();
    const route = (req.route as { path?: unknown } | undefined)?.path;
    if (!WRITES.has(req.method) || typeof route !== 'string' || !route.startsWith(ADMIN_PREFIX)) return next.handle();

    const body = redactedJson(req.body);
    const write = (statusCode: number, errorCode: string | null, result: unknown) => {
      const principal = req.principal?.kind === 'staff' ? req.principal : null;
      const answer = (result ?? {}) as { id?: unknown; admin?: { id?: unknown; username?: unknown } };
      const staffId = principal?.staffId ?? (typeof answer.admin?.id === 'number' ? answer.admin.id : null);
      const triedName = (req.body as { username?: unknown } | undefined)?.username;
      const params = (req.params ?? {}) as Record<string, string>;
      const targetId = params.id ?? Object.values(params)[0] ?? (typeof answer.id === 'number' || typeof answer.id === 'string' ? answer.id : null);
      return this.log.record({
        staffId,
        username: short(principal?.username ?? answer.admin?.username ?? (typeof triedName === 'string' ? triedName.trim().toLowerCase() : null), 64),
        method: req.method,
        route: short(route, 255)!,
        path: short((req.originalUrl ?? req.url).split('?')[0], 512)!,
        targetType: short(route.slice(ADMIN_PREFIX.length).split('/')[0], 64),
        targetId: short(targetId, 64),
        outcome: statusCode < 400 ? 'SUCCESS' : 'FAILURE',
        statusCode,
        errorCode,
        ip: short(req.ip, 64),
        requestId: short(req.id, 64),
        body,
      });
    };

    return next.handle().pipe(
      mergeMap(async (result) => {
        await write(res.statusCode, null, result);
        return result;
      }),
      catchError((error: unknown) => {
        const { statusCode, errorCode } = statusOf(error);
        return from(write(statusCode, errorCode, undefined)).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}

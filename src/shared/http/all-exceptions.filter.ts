import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { isUniqueViolation } from '../../database/unique-violation';
import { DomainError } from '../domain/domain-error';
import type { RequestWithContext } from './request-context';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'SQLITE_BUSY',
]);

/** Messages of drivers and pools that lost their server (not merely mentioning "connection"). */
const CONNECTION_ERROR_MESSAGE =
  /connect ECONNREFUSED|connect ETIMEDOUT|Connection lost|closed state|Pool is closed|Too many connections|Connection is closed|Connection terminated|Stream isn't writeable|enableOfflineQueue options is false/i;

/**
 * The one place that turns anything thrown into the contract's error body:
 * `{ statusCode, code, message, details?, requestId }`. Nothing internal (stack, SQL) leaks;
 * unknown errors are logged with the request id and answered 500 INTERNAL_ERROR.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & RequestWithContext>();
    const res = ctx.getResponse<Response>();
    const requestId = String(req.id ?? res.getHeader('x-request-id') ?? '');
    const body = this.toBody(exception);

    if (body.statusCode >= 500) {
      this.logger.error(
        { err: exception, requestId, method: req.method, url: req.originalUrl ?? req.url },
        `${req.method} ${req.originalUrl ?? req.url} failed: ${body.code}`,
      );
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json({ ...body, requestId });
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return { statusCode: exception.status, code: exception.code, message: exception.message, details: exception.details };
    }
    if (exception instanceof ThrottlerException) {
      return { statusCode: 429, code: 'RATE_LIMITED', message: 'Too many requests, try again later' };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? ((response as { message: string[] }).message.join('; '))
            : String((response as { message?: unknown }).message ?? exception.message);
      if (status === 400) return { statusCode: 400, code: 'VALIDATION_FAILED', message, details: [] };
      return { statusCode: status, code: HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST'), message };
    }
    const err = exception as { type?: string; status?: number; code?: string; errno?: number; driverError?: { code?: string } };
    // body-parser: malformed JSON and oversize bodies.
    if (err?.type === 'entity.parse.failed') {
      return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'The request body is not valid JSON', details: [] };
    }
    if (err?.type === 'entity.too.large') {
      return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' };
    }
    if (err?.type && typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
      return { statusCode: err.status, code: HTTP_CODES[err.status] ?? 'BAD_REQUEST', message: 'The request body could not be read' };
    }
    const driverCode = err?.driverError?.code ?? err?.code;
    if (isUniqueViolation(exception)) {
      return { statusCode: 409, code: 'CONFLICT', message: 'The resource conflicts with an existing one' };
    }
    if (driverCode && CONNECTION_ERROR_CODES.has(driverCode)) {
      return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, code: 'SERVICE_UNAVAILABLE', message: 'A backing service is unavailable; try again shortly' };
    }
    if (exception instanceof Error && !(exception instanceof TypeError) && CONNECTION_ERROR_MESSAGE.test(exception.message)) {
      return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, code: 'SERVICE_UNAVAILABLE', message: 'A backing service is unavailable; try again shortly' };
    }
    return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal error; quote the request id when reporting it' };
  }
}

import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { isUniqueViolation } from '../../database/unique-violation';
import { DomainError, LocalizedText } from '../domain/domain-error';
import { Language, pickLanguage } from './language';
import { ValidationFailedError } from './validation';
import type { RequestWithContext } from './request-context';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

/** What the filter itself says, in both languages. */
const TEXT = {
  validation: { zh: '请求参数校验失败', en: 'Validation failed' },
  invalidJson: { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  invalidJsonField: { zh: '不是有效的 JSON', en: 'is not valid JSON' },
  unreadableBody: { zh: '无法读取请求体', en: 'The request body could not be read' },
  unreadableField: { zh: '无法读取', en: 'could not be read' },
  tooLarge: { zh: '请求体过大', en: 'The request body is too large' },
  noRoute: { zh: '请求的接口不存在', en: 'No such route' },
  rateLimited: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests, try again later' },
  conflict: { zh: '与已有数据冲突', en: 'The resource conflicts with an existing one' },
  unavailable: { zh: '依赖的服务暂时不可用，请稍后再试', en: 'A backing service is unavailable; try again shortly' },
  internal: { zh: '服务器内部错误，反馈问题时请提供请求 ID', en: 'Internal error; quote the request id when reporting it' },
} satisfies Record<string, LocalizedText>;

/** Chinese for the statuses Nest and its middleware answer with their own English message. */
const STATUS_ZH: Record<number, string> = {
  400: '请求不正确',
  401: '请先登录',
  403: '没有执行此操作的权限',
  404: '资源不存在',
  405: '不支持此请求方法',
  406: '无法提供所请求的格式',
  408: '请求超时',
  409: '与已有数据冲突',
  413: '请求体过大',
  415: '不支持的内容类型',
  422: '无法处理的请求',
  429: '请求过于频繁，请稍后再试',
  503: '服务暂时不可用，请稍后再试',
};

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
 * `{ statusCode, code, message, details?, requestId }`, with `message` (and the messages in
 * `details`) in the language of `Accept-Language` (zh-CN by default, en on request). Nothing
 * internal (stack, SQL, the body received) leaks; unknown errors are logged with the request id and
 * answered 500 INTERNAL_ERROR.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(thrown: unknown, host: ArgumentsHost): void {
    // Nest wraps the body parser's errors (whose message quotes the body) in HttpExceptions.
    const exception = thrown instanceof HttpException && isBodyParserError(thrown.cause) ? thrown.cause : thrown;
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & RequestWithContext>();
    const res = ctx.getResponse<Response>();
    const requestId = String(req.id ?? res.getHeader('x-request-id') ?? '');
    const language = pickLanguage(req.headers['accept-language']);
    const body = this.toBody(exception, language, req);

    if (body.statusCode >= 500) {
      this.logger.error(
        { err: exception, requestId, method: req.method, url: req.originalUrl ?? req.url },
        `${req.method} ${req.originalUrl ?? req.url} failed: ${body.code}`,
      );
    } else if (isBodyParserError(exception) || (exception instanceof ValidationFailedError && req.route === undefined)) {
      // Refused before routing (the body parser, the body checks): the request logger never saw it.
      this.logger.warn({ requestId, method: req.method, url: req.originalUrl ?? req.url, statusCode: body.statusCode }, `${req.method} ${req.originalUrl ?? req.url} refused: ${body.code}`);
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json({ ...body, requestId });
  }

  private toBody(exception: unknown, language: Language, req: Request): ErrorBody {
    const say = (text: LocalizedText) => text[language];
    if (exception instanceof DomainError) {
      return { statusCode: exception.status, code: exception.code, message: say(exception.text), details: exception.detailsIn(language) };
    }
    if (exception instanceof ThrottlerException) {
      return { statusCode: 429, code: 'RATE_LIMITED', message: say(TEXT.rateLimited) };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404 && isNoRoute(exception)) return { statusCode: 404, code: 'NOT_FOUND', message: say(TEXT.noRoute) };
      const response = exception.getResponse();
      const english =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? ((response as { message: string[] }).message.join('; '))
            : String((response as { message?: unknown }).message ?? exception.message);
      const text = { zh: STATUS_ZH[status] ?? (status >= 500 ? TEXT.internal.zh : STATUS_ZH[400]), en: english };
      if (status === 400) {
        // Nest's own 400s (multipart parsing, built-in pipes) concern the body.
        const field = /multipart/i.test(String(req.headers['content-type'] ?? '')) ? 'file' : 'body';
        return { statusCode: 400, code: 'VALIDATION_FAILED', message: say(TEXT.validation), details: [{ field, message: say(text) }] };
      }
      return { statusCode: status, code: HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST'), message: say(text) };
    }
    const err = exception as { type?: string; status?: number; code?: string; errno?: number; driverError?: { code?: string } };
    // body-parser: malformed JSON and oversize bodies. Never the parser's message, which quotes the body.
    if (err?.type === 'entity.parse.failed') {
      return { statusCode: 400, code: 'VALIDATION_FAILED', message: say(TEXT.invalidJson), details: [{ field: 'body', message: say(TEXT.invalidJsonField) }] };
    }
    if (err?.type === 'entity.too.large') {
      return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: say(TEXT.tooLarge) };
    }
    if (err?.type && typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
      if (err.status === 400) {
        return { statusCode: 400, code: 'VALIDATION_FAILED', message: say(TEXT.unreadableBody), details: [{ field: 'body', message: say(TEXT.unreadableField) }] };
      }
      return { statusCode: err.status, code: HTTP_CODES[err.status] ?? 'BAD_REQUEST', message: say(TEXT.unreadableBody) };
    }
    const driverCode = err?.driverError?.code ?? err?.code;
    if (isUniqueViolation(exception)) {
      return { statusCode: 409, code: 'CONFLICT', message: say(TEXT.conflict) };
    }
    if (driverCode && CONNECTION_ERROR_CODES.has(driverCode)) {
      return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, code: 'SERVICE_UNAVAILABLE', message: say(TEXT.unavailable) };
    }
    if (exception instanceof Error && !(exception instanceof TypeError) && CONNECTION_ERROR_MESSAGE.test(exception.message)) {
      return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, code: 'SERVICE_UNAVAILABLE', message: say(TEXT.unavailable) };
    }
    return { statusCode: 500, code: 'INTERNAL_ERROR', message: say(TEXT.internal) };
  }
}

/** The answer of Nest's handler for a path no route matches. */
function isNoRoute(exception: HttpException): boolean {
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  return typeof message === 'string' && /^Cannot [A-Z]+ /.test(message);
}

/** An error of body-parser (it marks them with a `type` such as `entity.parse.failed`). */
function isBodyParserError(exception: unknown): boolean {
  return typeof (exception as { type?: unknown })?.type === 'string' && typeof (exception as { status?: unknown }).status === 'number';
}

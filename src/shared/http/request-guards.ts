import type { NextFunction, Request, Response } from 'express';
import { requestIdFor } from './request-context';
import { FieldError, ValidationFailedError } from './validation';

/** JSON nested deeper than this is refused before anything walks it recursively. */
export const MAX_JSON_DEPTH = 32;

const TOO_DEEP = { zh: `嵌套层级不能超过 ${MAX_JSON_DEPTH} 层`, en: `must not be nested deeper than ${MAX_JSON_DEPTH} levels` };
const PROTOTYPE_KEY = { zh: '不允许使用此键名', en: 'this key is not allowed' };

/**
 * Gives the request its id before anything can refuse it (body parsing included), so that every
 * answer and log line carries the same id as the X-Request-Id header. The logger reuses it.
 */
export function assignRequestId(req: Request & { id?: unknown }, res: Response, next: NextFunction): void {
  if (typeof req.id !== 'string') req.id = requestIdFor(req);
  res.setHeader('X-Request-Id', req.id as string);
  next();
}

const TOKEN_ROUTES = /^\/api\/v1\/(app|admin)\/auth\//;

/**
 * No cache (browser, proxy, CDN) keeps an answer given to a bearer of credentials, nor the
 * login and refresh answers that carry tokens.
 */
export function noStoreForCredentials(req: Request, res: Response, next: NextFunction): void {
  if (req.headers.authorization !== undefined || TOKEN_ROUTES.test(req.path)) res.setHeader('Cache-Control', 'no-store');
  next();
}

/**
 * The first problem of a parsed JSON body, walked without recursion: nesting deeper than
 * MAX_JSON_DEPTH, or a `__proto__` / `constructor.prototype` key (prototype pollution).
 */
export function findHostileJson(body: unknown): FieldError | null {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value: body, depth: 1, path: '' }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (!value || typeof value !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) return { field: 'body', message: TOO_DEEP };
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key];
      const childPath = path ? `${path}.${key}` : key;
      if (key === '__proto__' || (key === 'prototype' && path.split('.').pop() === 'constructor')) {
        return { field: childPath, message: PROTOTYPE_KEY };
      }
      if (child && typeof child === 'object') stack.push({ value: child, depth: depth + 1, path: childPath });
    }
  }
  return null;
}

/** Runs right after the JSON parser: a hostile body is a 400 before validation walks it. */
export function refuseHostileJson(req: Request, _res: Response, next: NextFunction): void {
  const problem = req.body && typeof req.body === 'object' ? findHostileJson(req.body) : null;
  next(problem ? new ValidationFailedError([problem]) : undefined);
}

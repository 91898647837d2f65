import { LoggerService } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * Nest's start-up chatter (one line per module and about 140 "Mapped {/api/v1/..., GET} route"
 * lines) is logged at debug, so the start-up banner stays readable at the default info level.
 */
const START_UP_DETAIL_CONTEXTS = new Set(['RouterExplorer', 'RoutesResolver', 'InstanceLoader']);

/** The request's child logger (with its request id), for logs written while it is handled. */
export const requestLogStorage = new AsyncLocalStorage<pino.Logger>();

/**
 * Nest's logger interface on top of pino: `new Logger('Context').log(...)` anywhere in the app
 * becomes one structured line with `context`, and with the request id inside a request.
 * `logger.error({ err, ... }, 'message')` merges the object into the line, as pino does.
 */
export class AppLogger implements LoggerService {
  constructor(readonly root: pino.Logger) {}

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams);
  }
  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }
  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }
  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }
  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }
  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  private write(level: Level, message: unknown, optionalParams: unknown[]): void {
    const target = requestLogStorage.getStore() ?? this.root;
    const fields: Record<string, unknown> = {};
    let params = optionalParams;
    // Nest's Logger appends its context as the last argument.
    const last = params[params.length - 1];
    if (typeof last === 'string' && params.length > 0) {
      fields.context = last;
      params = params.slice(0, -1);
    }
    if (level === 'info' && typeof fields.context === 'string' && START_UP_DETAIL_CONTEXTS.has(fields.context)) {
      level = 'debug';
    }
    if (message instanceof Error) {
      target[level]({ ...fields, err: message }, ...(params as []));
    } else if (typeof message === 'object' && message !== null) {
      target[level]({ ...fields, ...(message as object) }, ...(params as []));
    } else if (level === 'error' && params.length === 1 && typeof params[0] === 'string' && /\n\s*at /.test(params[0])) {
      // Nest's own handlers call error(message, stack, context).
      const err = new Error(String(message));
      err.stack = params[0];
      target.error({ ...fields, err });
    } else {
      target[level](fields, String(message), ...(params as []));
    }
  }
}

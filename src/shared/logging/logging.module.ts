import { DynamicModule, Global, Inject, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import pinoPretty from 'pino-pretty';
import { AppConfig } from '../../config/app-config';
import { requestIdFor } from '../http/request-context';
import { AppLogger, requestLogStorage } from './app-logger';
import { StartupNotices } from './startup-notices';

/** Paths pino removes from every log line: credentials, tokens, keys and personal data in bodies. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["wechatpay-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.secret',
  '*.apiV3Key',
  '*.privateKey',
  '*.sessionKey',
  '*.code',
];

const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/**
 * Both outputs write synchronously (JSON to stdout; pretty in this thread, not in a transport
 * worker), so every start-up log line is out before the banner main.ts prints after it.
 */
export function createRootLogger(config: AppConfig): pino.Logger {
  const options: pino.LoggerOptions = { level: config.log.level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  if (!config.log.pretty) return pino(options, pino.destination({ dest: 1, sync: true }));
  return pino(options, pinoPretty({ sync: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }));
}

function createHttpLogger(root: pino.Logger) {
  return pinoHttp({
    logger: root,
    genReqId: (req: IncomingMessage & { id?: unknown }, res: ServerResponse) => {
      // Usually given already, before body parsing (assignRequestId).
      const id = typeof req.id === 'string' ? req.id : requestIdFor(req);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

/**
 * Structured JSON logs (pino) with the request id on every request line; pretty when the process
 * runs in a terminal (LOG_PRETTY). The request id is taken from a valid incoming X-Request-Id or
 * made here, and echoed in the response header. `AppLogger` is Nest's logger (app.useLogger);
 * `StartupNotices` holds what the process prints once after its banner.
 */
@Global()
@Module({})
export class LoggingModule implements NestModule {
  static forRoot(config: AppConfig): DynamicModule {
    const root = createRootLogger(config);
    return {
      module: LoggingModule,
      providers: [
        { provide: AppLogger, useValue: new AppLogger(root) },
        { provide: HTTP_LOGGER, useValue: createHttpLogger(root) },
        StartupNotices,
      ],
      exports: [AppLogger, StartupNotices],
    };
  }

  constructor(
    @Inject(HTTP_LOGGER) private readonly httpLogger: ReturnType<typeof createHttpLogger>,
    private readonly applicationConfig: ApplicationConfig,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    const httpLogger = this.httpLogger;
    const middleware = (req: IncomingMessage & { log?: pino.Logger }, res: ServerResponse, next: () => void) => {
      httpLogger(req, res);
      requestLogStorage.run(req.log ?? httpLogger.logger, next);
    };
    // `{/*splat}` (no leading slash) also matches the prefix root itself; the paths excluded from
    // the global prefix (GET /health) are named again because the prefixed wildcard misses them.
    const excluded = this.applicationConfig.getGlobalPrefixOptions().exclude ?? [];
    consumer
      .apply(middleware)
      .forRoutes(
        { path: '{/*splat}', method: RequestMethod.ALL },
        ...excluded.map(({ path, requestMethod }) => ({ path, method: requestMethod })),
      );
  }
}

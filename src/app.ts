import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppConfig } from './config/app-config';
import { AppModule, AppModuleOptions } from './app.module';
import { mountApiDocs } from './shared/docs/api-docs';
import { AppLogger } from './shared/logging/app-logger';
import { AllExceptionsFilter } from './shared/http/all-exceptions.filter';
import { assignRequestId, noStoreForCredentials, refuseHostileJson } from './shared/http/request-guards';
import { createValidationPipe } from './shared/http/validation';

/** Applies everything HTTP-wide to an app: prefix, validation, errors, security headers, CORS, docs. */
export function configureHttpApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(app.get(AppLogger));
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  // The request id and Cache-Control come first, so that even a body the parser refuses has them.
  app.use(assignRequestId, noStoreForCredentials);
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  app.use(refuseHostileJson);
  app.useBodyParser('urlencoded', { limit: config.http.bodyLimit, extended: false });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'", 'https:'],
          imgSrc: ["'self'", 'data:', 'https:'],
          fontSrc: ["'self'", 'data:', 'https:'],
          workerSrc: ["'self'", 'blob:'],
          connectSrc: ["'self'"],
          // helmet's default would make browsers fetch the docs' scripts over https, which a plain
          // HTTP deployment (or a TLS-terminating proxy's backend) does not serve: blank pages.
          // Redirecting to https is the proxy's job (see deploy/nginx.conf).
          upgradeInsecureRequests: null,
        },
      },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  );
  app.enableCors({ origin: config.http.corsOrigins, exposedHeaders: ['X-Request-Id'], maxAge: 600 });
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  answerClientErrorsInShape(app.getHttpServer() as Server);
  mountApiDocs(app);
}

/**
 * Requests that Node's HTTP parser refuses before Express sees them (headers or URL over the size
 * limit, malformed HTTP) still get the contract's error body instead of Node's empty answer.
 */
function answerClientErrorsInShape(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, code, message] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'The request line or headers are too large']
        : [400, 'Bad Request', 'BAD_REQUEST', 'The request is not valid HTTP'];
    const body = JSON.stringify({ statusCode: status, code, message });
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}

export async function createHttpApp(config: AppConfig, options: AppModuleOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    bufferLogs: true,
    bodyParser: false,
    // Callbacks are verified over the exact bytes received (req.rawBody).
    rawBody: true,
  });
  configureHttpApp(app, config);
  return app;
}

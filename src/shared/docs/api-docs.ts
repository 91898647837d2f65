import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ApiErrorDto, ErrorDetailDto } from '../http/api-error';
import { operationIdOf, refineOpenApiDocument } from './openapi-refine';

const DESCRIPTION = `Commerce backend for WeChat mini-programs.

* \`/api/v1/app/...\` shopper (mini-program) routes, bearer token from \`POST /api/v1/app/auth/wechat-login\`.
* \`/api/v1/admin/...\` staff routes, bearer token from \`POST /api/v1/admin/auth/login\`; each names its permission.
* \`/api/v1/notify/...\` third-party callbacks, verified by signature.

Money is always an integer number of **fen** (1/100 yuan). Times are ISO 8601 UTC. Errors are
\`{ statusCode, code, message, details?, requestId }\`.`;

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('WeChat mini-program shop API')
    .setDescription(DESCRIPTION)
    .setVersion('1.0')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Shopper access token' }, 'shopper')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Staff access token' }, 'staff')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: operationIdOf,
    extraModels: [ApiErrorDto, ErrorDetailDto],
  });
  return refineOpenApiDocument(app, document);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"></head><body style="margin:0">${body}</body></html>`;
}

/**
 * Where a documentation bundle is served from: the copy the build puts in dist/docs-assets
 * (scripts/copy-docs-bundles.mjs; production carries no redoc/rapidoc package), or else, when
 * running from the sources (tests, `nest start` before a full build), the dev package itself.
 */
export function docsBundleDir(name: 'redoc' | 'rapidoc', builtRoot = join(__dirname, '..', '..', '..', 'docs-assets')): string | null {
  const built = join(builtRoot, name);
  if (existsSync(built)) return built;
  try {
    return join(dirname(require.resolve(`${name}/package.json`)), name === 'redoc' ? 'bundles' : 'dist');
  } catch {
    return null;
  }
}

/**
 * `/openapi.json` plus three readers of it, all served from this process with no CDN:
 * Swagger UI (`/swagger-ui`), ReDoc (`/redoc`) and RapiDoc (`/rapidoc`).
 */
export function mountApiDocs(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  SwaggerModule.setup('swagger-ui', app, document, {
    customSiteTitle: 'Shop API — Swagger UI',
    raw: false,
    // The bearer tokens typed into "Authorize" survive a page reload.
    swaggerOptions: { persistAuthorization: true },
  });

  for (const name of ['redoc', 'rapidoc'] as const) {
    const dir = docsBundleDir(name);
    if (dir) http.use(`/docs-assets/${name}`, express.static(dir, { maxAge: '1d', index: false }));
  }
  http.get('/redoc', (_req, res) => {
    res.type('html').send(page('Shop API — ReDoc', '<redoc spec-url="/openapi.json"></redoc><script src="/docs-assets/redoc/redoc.standalone.js"></script>'));
  });
  http.get('/rapidoc', (_req, res) => {
    res.type('html').send(
      page(
        'Shop API — RapiDoc',
        '<rapi-doc spec-url="/openapi.json" render-style="read" show-header="false" allow-try="true"></rapi-doc>' +
          '<script type="module" src="/docs-assets/rapidoc/rapidoc-min.js"></script>',
      ),
    );
  });
  return document;
}

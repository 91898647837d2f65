import { Body, Controller, Get, Logger, Module, OnModuleInit, Post, Query } from '@nestjs/common';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { ConflictError } from '../../src/shared/domain/domain-error';
import { IsOmittable, LongText } from '../../src/shared/http/validation';
import { Public, ShopperRoute, StaffRoute } from '../../src/shared/auth/auth.decorators';
import { TokenService } from '../../src/shared/auth/token.service';
import { JobQueue } from '../../src/shared/jobs/job-queue';
import { SettingsService } from '../../src/shared/settings/settings.service';
import { createTestApp, TEST_ADMIN, TestApp } from '../support/app-factory';
import { asShopper, asSuperAdmin } from '../support/clients';
import { eventually } from '../support/eventually';

class ProbeDto {
  @IsString()
  @MaxLength(10)
  name: string;

  @IsInt()
  @Min(1)
  quantity: number;

  @IsOmittable()
  @IsString()
  @MaxLength(200)
  @LongText()
  note?: string;

  @IsOptional()
  tags?: Record<string, unknown>;
}

class ProbeQueryDto {
  @IsOmittable()
  @IsString()
  @MaxLength(20)
  keyword?: string;

  @IsOmittable()
  @IsIn(['newest', 'price'])
  sort?: string;
}

const processed: Array<{ payload: unknown; attempt: number }> = [];

/** Routes that exist only in this test, to exercise the HTTP kernel end to end. */
@Controller('probe')
class ProbeController {
  @Public()
  @Post('echo')
  echo(@Body() body: ProbeDto) {
    return body;
  }

  @Public()
  @Get('search')
  search(@Query() query: ProbeQueryDto) {
    return query;
  }

  @Public()
  @Get('conflict')
  conflict() {
    throw new ConflictError('OUT_OF_STOCK', { zh: '库存不足', en: 'Nothing left' }, { skuId: 1 });
  }

  @Public()
  @Get('crash')
  crash() {
    throw new Error('SELECT secret FROM internals');
  }

  @Get('no-policy')
  noPolicy() {
    return 'should never be reached';
  }

  @ShopperRoute()
  @Get('shopper-only')
  shopperOnly() {
    return { ok: true };
  }

  @StaffRoute()
  @Get('staff-only')
  staffOnly() {
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule implements OnModuleInit {
  constructor(private readonly jobs: JobQueue) {}

  onModuleInit() {
    this.jobs.register<{ n: number; failTimes: number }>('probe.job', async (payload, ctx) => {
      if (ctx.attempt <= payload.failTimes) throw new Error(`planned failure ${ctx.attempt}`);
      processed.push({ payload, attempt: ctx.attempt });
    });
  }
}

describe('platform', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ extraModules: [ProbeModule] });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('service endpoints', () => {
    it('reports health with the database and Redis checks', async () => {
      const res = await t.http().get('/health').expect(200);
      expect(res.body).toEqual({
        status: 'ok',
        checks: { database: 'up', redis: t.config.redis ? 'up' : 'disabled' },
      });
    });

    it('serves the OpenAPI document with the service routes', async () => {
      const res = await t.http().get('/openapi.json').expect(200);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(res.body.paths['/health']).toBeDefined();
      expect(res.body.components.securitySchemes).toHaveProperty('shopper');
      expect(res.body.components.securitySchemes).toHaveProperty('staff');
    });

    it.each(['/swagger-ui', '/redoc', '/rapidoc'])('renders the %s documentation page from this server', async (path) => {
      const res = await t.http().get(path).redirects(1).expect(200);
      expect(res.headers['content-type']).toMatch(/html/);
      expect(res.text).not.toMatch(/cdn\.|unpkg|jsdelivr/);
    });

    it('serves the documentation scripts locally', async () => {
      await t.http().get('/docs-assets/redoc/redoc.standalone.js').expect(200);
      await t.http().get('/docs-assets/rapidoc/rapidoc-min.js').expect(200);
    });
  });

  describe('request ids and security headers', () => {
    it('gives every response a request id and keeps a valid incoming one', async () => {
      const fresh = await t.http().get('/health');
      expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const kept = await t.http().get('/health').set('X-Request-Id', 'lb-req-12345678');
      expect(kept.headers['x-request-id']).toBe('lb-req-12345678');
      const replaced = await t.http().get('/health').set('X-Request-Id', 'bad id with spaces');
      expect(replaced.headers['x-request-id']).not.toBe('bad id with spaces');
    });

    it('sends helmet headers and no x-powered-by', async () => {
      const res = await t.http().get('/health');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBeDefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    });
  });

  describe('errors in the contract shape', () => {
    it('answers an unknown route with 404 NOT_FOUND', async () => {
      const res = await t.http().get('/api/v1/nothing-here').expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
    });

    it('accepts a valid body under the api/v1 prefix', async () => {
      const res = await t.http().post('/api/v1/probe/echo').send({ name: 'tea', quantity: 2 }).expect(201);
      expect(res.body).toEqual({ name: 'tea', quantity: 2 });
    });

    it('refuses unknown fields, wrong types and out-of-range values with field details', async () => {
      const res = await t.http().post('/api/v1/probe/echo').send({ name: 12, quantity: 0, extra: true }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const fields = res.body.details.map((d: { field: string }) => d.field).sort();
      expect(fields).toEqual(expect.arrayContaining(['extra', 'name', 'quantity']));
    });

    it('refuses a string longer than allowed', async () => {
      const res = await t.http().post('/api/v1/probe/echo').send({ name: 'x'.repeat(11), quantity: 1 }).expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'name' })]);
    });

    it('refuses malformed JSON with 400', async () => {
      const res = await t.http().post('/api/v1/probe/echo').set('Content-Type', 'application/json').send('{"name": ').expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('refuses a body over the size limit with 413', async () => {
      const res = await t.http().post('/api/v1/probe/echo').send({ name: 'x'.repeat(2 * 1024 * 1024), quantity: 1 }).expect(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('maps a domain error to its status, code and details', async () => {
      const res = await t.http().get('/api/v1/probe/conflict').expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'OUT_OF_STOCK', details: { skuId: 1 } });
    });

    it('hides unknown errors behind 500 INTERNAL_ERROR with the request id', async () => {
      const res = await t.http().get('/api/v1/probe/crash').expect(500);
      expect(res.body.code).toBe('INTERNAL_ERROR');
      expect(res.body.requestId).toBeTruthy();
      expect(JSON.stringify(res.body)).not.toMatch(/SELECT|secret|at .*\.ts/);
    });
  });

  describe('hostile bodies', () => {
    const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    const routes = ['/api/v1/probe/echo', '/api/v1/app/auth/wechat-login', '/api/v1/admin/auth/login'];

    it.each(routes)('refuses JSON nested 5,000 deep on %s with 400 naming the body, logging no stack', async (path) => {
      const error = jest.spyOn(Logger.prototype, 'error');
      try {
        const res = await t.http().post(path).set('Content-Type', 'application/json').send(nested(5000)).expect(400);
        expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [{ field: 'body', message: expect.any(String) }] });
        expect(res.body.requestId).toBe(res.headers['x-request-id']);
        expect(error).not.toHaveBeenCalled();
      } finally {
        error.mockRestore();
      }
    });

    it('refuses nesting just past 32 levels and lets 32 reach validation', async () => {
      const tooDeep = await t.http().post('/api/v1/probe/echo').set('Content-Type', 'application/json').send(`{"name":"tea","quantity":1,"tags":${nested(32)}}`).expect(400);
      expect(tooDeep.body.details).toEqual([expect.objectContaining({ field: 'body' })]);
      await t.http().post('/api/v1/probe/echo').set('Content-Type', 'application/json').send(`{"name":"tea","quantity":1,"tags":${nested(31)}}`).expect(201);
    });

    it.each([
      ['__proto__ at the top', '{"name":"tea","quantity":1,"__proto__":{"admin":true}}', '__proto__'],
      ['__proto__ nested', '{"name":"tea","quantity":1,"tags":{"x":{"__proto__":{"admin":true}}}}', 'tags.x.__proto__'],
      ['constructor.prototype', '{"name":"tea","quantity":1,"tags":{"constructor":{"prototype":{"admin":true}}}}', 'tags.constructor.prototype'],
    ])('refuses a body carrying %s with 400', async (_what, body, field) => {
      const res = await t.http().post('/api/v1/probe/echo').set('Content-Type', 'application/json').send(body).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field, message: expect.any(String) }] });
    });

    it.each(['a\u0000b', 'a\u0007b', 'a\nb', 'a\tb', 'a\u007fb'])('refuses the control character in %j in a short text field', async (name) => {
      const res = await t.http().post('/api/v1/probe/echo').send({ name, quantity: 1 }).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'name', message: expect.any(String) }] });
    });

    it('allows line breaks and tabs in a long text field, but no other control character', async () => {
      const ok = await t.http().post('/api/v1/probe/echo').send({ name: 'tea', quantity: 1, note: 'line 1\r\nline 2\tend' }).expect(201);
      expect(ok.body.note).toBe('line 1\r\nline 2\tend');
      const res = await t.http().post('/api/v1/probe/echo').send({ name: 'tea', quantity: 1, note: 'bell\u0007' }).expect(400);
      expect(res.body.details).toEqual([{ field: 'note', message: expect.any(String) }]);
    });

    it('refuses control characters in nested strings, object keys and the query', async () => {
      const nestedValue = await t.http().post('/api/v1/probe/echo').send({ name: 'tea', quantity: 1, tags: { colour: ['red', 'gr\u0000een'] } }).expect(400);
      expect(nestedValue.body.details).toEqual([expect.objectContaining({ field: 'tags.colour.1' })]);
      const key = await t.http().post('/api/v1/probe/echo').send({ name: 'tea', quantity: 1, tags: { 'a\u0000': 1 } }).expect(400);
      expect(key.body.details).toEqual([expect.objectContaining({ field: 'tags.a\u0000' })]);
      const query = await t.http().get('/api/v1/probe/search?keyword=a%00b').expect(400);
      expect(query.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'keyword', message: expect.any(String) }] });
      await t.http().get('/api/v1/probe/search?keyword=tea').expect(200);
    });

    it('refuses control characters in the names of real resources, and keeps line breaks in their long texts', async () => {
      const admin = await asSuperAdmin(t);
      const named = await admin.post('/api/v1/admin/roles', { name: 'a\u0000b', permissions: ['order:read'] }).expect(400);
      expect(named.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'name', message: expect.any(String) }] });
      const described = await admin.post('/api/v1/admin/roles', { name: 'Night shift', description: 'Packs orders.\nNo refunds.', permissions: ['order:read'] }).expect(201);
      expect(described.body.description).toBe('Packs orders.\nNo refunds.');
      const roles = await admin.get('/api/v1/admin/roles').expect(200);
      expect(JSON.stringify(roles.body)).not.toContain('a\\u0000b');
    });

    it('answers broken JSON with a generic message naming the body, without quoting it, with the request id', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn');
      try {
        const res = await t.http().post('/api/v1/probe/echo').set('Content-Type', 'application/json').send('{"secret-looking-text": ').expect(400);
        expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body', message: expect.any(String) }] });
        expect(JSON.stringify(res.body)).not.toMatch(/secret-looking-text|Unexpected|position/);
        expect(res.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
        expect(res.body.requestId).toBe(res.headers['x-request-id']);
        const logged = warn.mock.calls.map(([fields]) => fields as { requestId?: string });
        expect(logged).toContainEqual(expect.objectContaining({ requestId: res.body.requestId }));
      } finally {
        warn.mockRestore();
      }
    });

    it('keeps a valid incoming request id on a body the parser refuses', async () => {
      const res = await t.http().post('/api/v1/probe/echo').set('X-Request-Id', 'lb-req-87654321').set('Content-Type', 'application/json').send('{').expect(400);
      expect(res.headers['x-request-id']).toBe('lb-req-87654321');
      expect(res.body.requestId).toBe('lb-req-87654321');
    });
  });

  describe('caching of answers to credentials', () => {
    it('sends Cache-Control: no-store on every answer to a bearer token, refusals included', async () => {
      const { token } = await asShopper(t);
      const ok = await t.http().get('/api/v1/probe/shopper-only').set('Authorization', `Bearer ${token}`).expect(200);
      expect(ok.headers['cache-control']).toBe('no-store');
      const refused = await t.http().get('/api/v1/probe/staff-only').set('Authorization', `Bearer ${token}`).expect(401);
      expect(refused.headers['cache-control']).toBe('no-store');
      const broken = await t.http().post('/api/v1/probe/echo').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send('{').expect(400);
      expect(broken.headers['cache-control']).toBe('no-store');
    });

    it('sends no-store on the login and refresh answers that carry tokens', async () => {
      const login = await t.http().post('/api/v1/admin/auth/login').send({ username: TEST_ADMIN.username, password: TEST_ADMIN.password }).expect(200);
      expect(login.headers['cache-control']).toBe('no-store');
      const refresh = await t.http().post('/api/v1/admin/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(200);
      expect(refresh.headers['cache-control']).toBe('no-store');
      const shopper = await asShopper(t);
      const shopperRefresh = await t.http().post('/api/v1/app/auth/refresh').send({ refreshToken: shopper.refreshToken }).expect(200);
      expect(shopperRefresh.headers['cache-control']).toBe('no-store');
    });

    it('leaves public anonymous answers cacheable', async () => {
      const res = await t.http().get('/health').expect(200);
      expect(res.headers['cache-control']).not.toBe('no-store');
    });
  });

  describe('messages in the language of Accept-Language', () => {
    it('answers a domain error in Chinese by default and in English on request', async () => {
      const zh = await t.http().get('/api/v1/probe/conflict').expect(409);
      expect(zh.body).toMatchObject({ code: 'OUT_OF_STOCK', message: '库存不足' });
      for (const header of ['en', 'en-US', 'fr;q=0.9, en-GB;q=0.8', 'zh-CN;q=0.2, en;q=0.7']) {
        const en = await t.http().get('/api/v1/probe/conflict').set('Accept-Language', header).expect(409);
        expect(en.body).toMatchObject({ code: 'OUT_OF_STOCK', message: 'Nothing left' });
      }
      for (const header of ['zh-CN', 'zh-TW', 'fr', 'en;q=0, zh', '*']) {
        const other = await t.http().get('/api/v1/probe/conflict').set('Accept-Language', header).expect(409);
        expect(other.body.message).toBe('库存不足');
      }
    });

    it('answers a validation error and its field messages in Chinese by default and in English on request', async () => {
      const body = { name: 'x'.repeat(11), quantity: 0, extra: 1 };
      const zh = await t.http().post('/api/v1/probe/echo').send(body).expect(400);
      expect(zh.body.message).toBe('请求参数校验失败');
      expect(zh.body.details).toEqual(
        expect.arrayContaining([
          { field: 'name', message: '长度不能超过 10 个字符' },
          { field: 'quantity', message: '不能小于 1' },
          { field: 'extra', message: '不允许此字段' },
        ]),
      );
      const en = await t.http().post('/api/v1/probe/echo').set('Accept-Language', 'en-US').send(body).expect(400);
      expect(en.body.message).toBe('Validation failed');
      expect(en.body.details).toEqual(
        expect.arrayContaining([
          { field: 'name', message: 'name must be shorter than or equal to 10 characters' },
          { field: 'quantity', message: 'quantity must not be less than 1' },
          { field: 'extra', message: 'property extra should not exist' },
        ]),
      );
      const wrongType = await t.http().get('/api/v1/probe/search?sort=oldest').expect(400);
      expect(wrongType.body.details).toEqual([{ field: 'sort', message: '必须是以下值之一：newest、price' }]);
    });

    it('answers an unknown route in Chinese by default and in English on request', async () => {
      const zh = await t.http().get('/api/v1/nothing-here').expect(404);
      expect(zh.body).toMatchObject({ code: 'NOT_FOUND', message: '请求的接口不存在' });
      const en = await t.http().get('/api/v1/nothing-here').set('Accept-Language', 'en').expect(404);
      expect(en.body).toMatchObject({ code: 'NOT_FOUND', message: 'No such route' });
    });

    it('translates the messages the filter makes itself: parse errors, 413, 401, 500', async () => {
      const parse = await t.http().post('/api/v1/probe/echo').set('Content-Type', 'application/json').send('{').expect(400);
      expect(parse.body.message).toBe('请求体不是有效的 JSON');
      const large = await t.http().post('/api/v1/probe/echo').send({ name: 'x'.repeat(2 * 1024 * 1024), quantity: 1 }).expect(413);
      expect(large.body.message).toBe('请求体过大');
      const unauthorized = await t.http().get('/api/v1/probe/shopper-only').expect(401);
      expect(unauthorized.body.message).toMatch(/[\u4e00-\u9fff]/);
      const crash = await t.http().get('/api/v1/probe/crash').expect(500);
      expect(crash.body.message).toMatch(/[\u4e00-\u9fff]/);
      const crashEn = await t.http().get('/api/v1/probe/crash').set('Accept-Language', 'en').expect(500);
      expect(crashEn.body.message).toBe('Internal error; quote the request id when reporting it');
    });
  });

  describe('deny by default and audiences', () => {
    it('closes a route that declares no access policy', async () => {
      const res = await t.http().get('/api/v1/probe/no-policy').expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    });

    it('refuses a missing or malformed token with 401', async () => {
      await t.http().get('/api/v1/probe/shopper-only').expect(401);
      const res = await t.http().get('/api/v1/probe/shopper-only').set('Authorization', 'Bearer not.a.jwt').expect(401);
      expect(res.body.code).toBe('UNAUTHORIZED');
    });

    it('accepts a shopper token on a shopper route and refuses it on a staff route', async () => {
      const { token } = await asShopper(t);
      await t.http().get('/api/v1/probe/shopper-only').set('Authorization', `Bearer ${token}`).expect(200);
      await t.http().get('/api/v1/probe/staff-only').set('Authorization', `Bearer ${token}`).expect(401);
    });

    it('refuses a staff token on a shopper route', async () => {
      const token = t.app.get(TokenService).signAccess('staff', 7);
      await t.http().get('/api/v1/probe/shopper-only').set('Authorization', `Bearer ${token}`).expect(401);
    });
  });

  describe('jobs', () => {
    it('runs a delayed job once, retrying a failing attempt with backoff', async () => {
      const jobs = t.app.get(JobQueue);
      expect(await jobs.enqueue('probe.job', { n: 1, failTimes: 1 }, { delayMs: 50, backoffMs: 50, jobId: 'probe-1' })).toBe(true);
      await eventually(() => expect(processed.filter((p) => (p.payload as { n: number }).n === 1)).toEqual([{ payload: { n: 1, failTimes: 1 }, attempt: 2 }]));
    });

    it('treats a deterministic job id as one job while it waits', async () => {
      const jobs = t.app.get(JobQueue);
      await Promise.all([1, 2, 3].map(() => jobs.enqueue('probe.job', { n: 2, failTimes: 0 }, { delayMs: 200, jobId: 'probe-2' })));
      await eventually(() => expect(processed.filter((p) => (p.payload as { n: number }).n === 2)).toHaveLength(1));
      await new Promise((r) => setTimeout(r, 300));
      expect(processed.filter((p) => (p.payload as { n: number }).n === 2)).toHaveLength(1);
    });
  });

  describe('settings', () => {
    it('returns defaults until changed, then the stored values over the defaults', async () => {
      const settings = t.app.get(SettingsService);
      const defaults = { a: 1, b: 'x' };
      expect(await settings.get('probe', defaults)).toEqual({ a: 1, b: 'x' });
      expect(await settings.update('probe', defaults, { a: 5 })).toEqual({ a: 5, b: 'x' });
      expect(await settings.get('probe', { ...defaults, c: true })).toEqual({ a: 5, b: 'x', c: true });
    });
  });
});

describe('rate limiting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ extraModules: [ProbeModule], env: { RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 RATE_LIMITED past the per-minute limit, but never limits /health', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.http().get('/api/v1/probe/conflict')).status);
    expect(statuses).toEqual([409, 409, 409, 409, 409]);
    const limited = await t.http().get('/api/v1/probe/conflict').expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    for (let i = 0; i < 7; i++) await t.http().get('/health').expect(200);
  });
});

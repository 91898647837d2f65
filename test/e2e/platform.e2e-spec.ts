import { Body, Controller, Get, Module, OnModuleInit, Post } from '@nestjs/common';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { ConflictError } from '../../src/shared/domain/domain-error';
import { Public, ShopperRoute, StaffRoute } from '../../src/shared/auth/auth.decorators';
import { TokenService } from '../../src/shared/auth/token.service';
import { JobQueue } from '../../src/shared/jobs/job-queue';
import { SettingsService } from '../../src/shared/settings/settings.service';
import { createTestApp, TestApp } from '../support/app-factory';
import { asShopper } from '../support/clients';
import { eventually } from '../support/eventually';

class ProbeDto {
  @IsString()
  @MaxLength(10)
  name: string;

  @IsInt()
  @Min(1)
  quantity: number;
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
  @Get('conflict')
  conflict() {
    throw new ConflictError('OUT_OF_STOCK', 'Nothing left', { skuId: 1 });
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
      expect(res.body).toMatchObject({ statusCode: 409, code: 'OUT_OF_STOCK', message: 'Nothing left', details: { skuId: 1 } });
    });

    it('hides unknown errors behind 500 INTERNAL_ERROR with the request id', async () => {
      const res = await t.http().get('/api/v1/probe/crash').expect(500);
      expect(res.body.code).toBe('INTERNAL_ERROR');
      expect(res.body.requestId).toBeTruthy();
      expect(JSON.stringify(res.body)).not.toMatch(/SELECT|secret|at .*\.ts/);
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

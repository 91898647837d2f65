import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * docker-compose.yml against the configuration loader: every variable the app reads reaches the
 * API and worker containers, and the API can be scaled behind the proxy (no fixed host port).
 */
const ROOT = join(__dirname, '..', '..');
// js-yaml comes with @nestjs/swagger (a production dependency), so no package is added for this test.
const yaml = createRequire(require.resolve('@nestjs/swagger/package.json'))('js-yaml') as { load: (text: string) => unknown };

interface Service {
  image?: string;
  build?: unknown;
  ports?: unknown[];
  expose?: unknown[];
  env_file?: Array<string | { path: string; required?: boolean }> | string;
  environment?: Record<string, unknown>;
  volumes?: string[];
}

/** Applies YAML merge keys (`<<: *anchor`) as Compose does: shallow, the mapping's own keys win. */
function resolveMerges(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(resolveMerges);
  if (node === null || typeof node !== 'object') return node;
  const { '<<': merged, ...own } = node as Record<string, unknown>;
  const bases = merged === undefined ? [] : Array.isArray(merged) ? merged : [merged];
  const result: Record<string, unknown> = {};
  for (const base of bases) Object.assign(result, resolveMerges(base));
  for (const [key, value] of Object.entries(own)) result[key] = resolveMerges(value);
  return result;
}

const compose = resolveMerges(yaml.load(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'))) as { services: Record<string, Service> };
const appServices = ['api', 'worker'] as const;

/** Every variable src/config/app-config.ts reads (str/int/bool/baseUrl/pem(env, 'NAME', ...)). */
function configVariables(): string[] {
  const source = readFileSync(join(ROOT, 'src', 'config', 'app-config.ts'), 'utf8');
  const names = [...source.matchAll(/\b(?:str|int|bool|baseUrl|pem)\(env, '([A-Z0-9_]+)'/g)].map((m) => m[1]);
  return [...new Set(names)].sort();
}

function envFiles(service: Service): string[] {
  const list = service.env_file === undefined ? [] : Array.isArray(service.env_file) ? service.env_file : [service.env_file];
  return list.map((entry) => (typeof entry === 'string' ? entry : entry.path));
}

describe('docker-compose.yml', () => {
  const variables = configVariables();
  const example = parseEnv(readFileSync(join(ROOT, '.env.example'), 'utf8'));

  it('reads the config loader (sanity: the loader names its variables the way this test looks for them)', () => {
    expect(variables).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'JWT_SECRET', 'WECHATPAY_MCHID', 'MEDIA_MAX_VIDEO_BYTES']));
    expect(variables.length).toBeGreaterThan(30);
  });

  it('lists every variable of the config loader in .env.example, and nothing the loader does not read', () => {
    expect(variables.filter((name) => !(name in example))).toEqual([]);
    expect(Object.keys(example).filter((name) => !variables.includes(name))).toEqual([]);
  });

  it.each(appServices)('passes the whole .env to the %s containers (env_file), so every variable of .env.example reaches them', (name) => {
    const service = compose.services[name];
    expect(envFiles(service)).toContain('.env');
    // What a container sees: the .env copied from .env.example, then `environment` on top of it.
    const reaching = new Set([...Object.keys(example), ...Object.keys(service.environment ?? {})]);
    expect(variables.filter((variable) => !reaching.has(variable))).toEqual([]);
  });

  it.each(appServices)('sets in `environment` of %s only variables the app reads (no typo silently ignored)', (name) => {
    const keys = Object.keys(compose.services[name].environment ?? {});
    expect(keys.filter((key) => !variables.includes(key))).toEqual([]);
  });

  it('publishes no fixed host port on the api service, so `--scale api=3` does not clash; the proxy publishes one', () => {
    expect(compose.services.api.ports ?? []).toEqual([]);
    const proxy = compose.services.proxy;
    expect(proxy.ports).toHaveLength(1);
    const mount = (proxy.volumes ?? []).find((v) => v.startsWith('./deploy/nginx.conf:'));
    expect(mount).toBeDefined();
  });

  it('points the proxy at the port the api containers listen on', () => {
    const nginx = readFileSync(join(ROOT, 'deploy', 'nginx.conf'), 'utf8');
    const target = /set \$api http:\/\/api:(\d+);/.exec(nginx);
    expect(target).not.toBeNull();
    expect(compose.services.api.environment?.PORT).toBe(target![1]);
    expect(nginx).toMatch(/proxy_pass \$api;/);
    // Docker's DNS, re-resolved, so scaled containers are found without a reload.
    expect(nginx).toMatch(/resolver 127\.0\.0\.11/);
  });
});

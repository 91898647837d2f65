import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The layer rules of `.dependency-cruiser.cjs` (run by `npm run lint`) really refuse what they
 * describe: the lint runs on a fixture tree that breaks each rule once, and every rule must fire.
 */
const root = join(__dirname, '..', '..');
const fixture = join(__dirname, '..', 'fixtures', 'layers');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

function cruise(cwd: string): Violation[] {
  const cli = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  let out: string;
  try {
    out = execFileSync(process.execPath, [cli, 'src', '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    // depcruise exits non-zero when it finds errors; the report is still on stdout.
    out = (error as { stdout: string }).stdout;
  }
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('layer rules (dependency-cruiser)', () => {
  let violations: Violation[];
  beforeAll(() => {
    violations = cruise(fixture);
  }, 60_000);

  const broken = (rule: string) => violations.filter((v) => v.rule.name === rule).map((v) => `${v.from} → ${v.to}`);

  it('refuses an import of another context that does not go through its index.ts', () => {
    expect(broken('module-door')).toEqual(['src/modules/beta/application/beta.service.ts → src/modules/alpha/domain/alpha.entity.ts']);
  });

  it('refuses a domain file that imports application code', () => {
    expect(broken('domain-is-innermost')).toEqual(['src/modules/alpha/domain/alpha.entity.ts → src/modules/alpha/application/alpha.service.ts']);
  });

  it('refuses application code that imports the api layer', () => {
    expect(broken('application-not-api')).toEqual(['src/modules/alpha/application/alpha.service.ts → src/modules/alpha/api/alpha.dto.ts']);
  });

  it('refuses a kernel file (src/shared, src/database) that imports a module', () => {
    expect(broken('kernel-imports-no-module')).toEqual(['src/shared/kernel.ts → src/modules/beta/application/beta.service.ts']);
  });

  it('refuses import cycles', () => {
    expect(broken('no-cycles').length).toBeGreaterThan(0);
    expect(broken('no-cycles').every((edge) => edge.includes('src/database/'))).toBe(true);
  });
});

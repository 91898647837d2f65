/**
 * Generates one migration per dialect from the difference between the entities and a fresh
 * database that has every existing migration applied:
 *   npm run migration:generate -- AddOrders
 * MySQL comes from MIGRATION_MYSQL_URL (default mysql://root@127.0.0.1:3306; a scratch database is
 * created and dropped), SQLite from a scratch file. Writes migrations/{mysql,sqlite}/<ts>-<name>.ts
 * and rewrites migrations/index.ts.
 */
import 'reflect-metadata';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { DatabaseConfig } from '../src/config/app-config';
import { entities } from '../src/entities';
import { resolveDataSourceOptions } from '../src/database/database-options';
import { withScratchMysqlDatabase } from './scratch-mysql';

const ROOT = resolve(__dirname, '..', '..');
const MIGRATIONS = join(ROOT, 'migrations');

async function diff(db: DatabaseConfig): Promise<{ up: string[]; down: string[] }> {
  const dataSource = await new DataSource(await resolveDataSourceOptions(db, entities)).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'all' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return {
      up: sql.upQueries.map((q) => q.query),
      down: sql.downQueries.map((q) => q.query).reverse(),
    };
  } finally {
    await dataSource.destroy();
  }
}

function render(className: string, up: string[], down: string[]): string {
  const lines = (queries: string[]) => queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

export function writeIndex(): void {
  const section = (dialect: string) =>
    readdirSync(join(MIGRATIONS, dialect))
      .filter((f) => /^\d+-[A-Za-z0-9]+\.ts$/.test(f))
      .sort()
      .map((f) => {
        const [ts, name] = f.replace(/\.ts$/, '').split('-');
        return { file: f.replace(/\.ts$/, ''), className: `${name}${ts}`, alias: `${dialect}${name}${ts}` };
      });
  const mysql = section('mysql');
  const sqlite = section('sqlite');
  const imports = [
    ...mysql.map((m) => `import { ${m.className} as ${m.alias} } from './mysql/${m.file}';`),
    ...sqlite.map((m) => `import { ${m.className} as ${m.alias} } from './sqlite/${m.file}';`),
  ];
  const body = `// Maintained by \`npm run migration:generate\`: every migration of each dialect, in order.
${imports.join('\n')}

export const mysqlMigrations: Function[] = [${mysql.map((m) => m.alias).join(', ')}];
export const sqliteMigrations: Function[] = [${sqlite.map((m) => m.alias).join(', ')}];
`;
  writeFileSync(join(MIGRATIONS, 'index.ts'), body);
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    process.stderr.write('Usage: npm run migration:generate -- PascalCaseName\n');
    process.exit(2);
  }
  const ts = Date.now();
  const mysql = await withScratchMysqlDatabase(process.env.MIGRATION_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306', 'shop_migrate', (url) =>
    diff({ type: 'mysql', url, migrationsRun: false, poolSize: 2 }),
  );
  const dir = mkdtempSync(join(tmpdir(), 'shop-migrate-'));
  const sqlite = await diff({ type: 'better-sqlite3', path: join(dir, 'scratch.sqlite'), migrationsRun: false }).finally(() =>
    rmSync(dir, { recursive: true, force: true }),
  );
  for (const [dialect, result] of [['mysql', mysql], ['sqlite', sqlite]] as const) {
    if (result.up.length === 0) {
      process.stdout.write(`${dialect}: no changes\n`);
      continue;
    }
    const file = join(MIGRATIONS, dialect, `${ts}-${name}.ts`);
    writeFileSync(file, render(`${name}${ts}`, result.up, result.down));
    process.stdout.write(`${dialect}: wrote ${file} (${result.up.length} statements)\n`);
  }
  writeIndex();
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}

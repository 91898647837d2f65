import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createScratchMysqlDatabase } from '../../scripts/scratch-mysql';
import { DatabaseConfig } from '../../src/config/app-config';
import { entities } from '../../src/entities';
import { resolveDataSourceOptions } from '../../src/database/database-options';
import { runMigrations } from '../../src/database/database.module';
import { testBackends } from '../support/app-factory';

describe('migrations', () => {
  let dataSource: DataSource;
  let cleanup: () => Promise<void> | void;

  beforeAll(async () => {
    const { mysql } = testBackends();
    let db: DatabaseConfig;
    if (mysql) {
      const scratch = await createScratchMysqlDatabase(mysql, 'shop_migrations');
      db = { type: 'mysql', url: scratch.url, migrationsRun: false, poolSize: 2 };
      cleanup = scratch.drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'shop-migrations-'));
      db = { type: 'better-sqlite3', path: join(dir, 'm.sqlite'), migrationsRun: false };
      cleanup = () => rmSync(dir, { recursive: true, force: true });
    }
    dataSource = await new DataSource(await resolveDataSourceOptions(db, entities)).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await cleanup?.();
  });

  it('brings an empty database to a schema that matches the entities exactly', async () => {
    await runMigrations(dataSource);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('has nothing left to do on a second run', async () => {
    await runMigrations(dataSource);
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('reverts every migration and applies them again', async () => {
    const count = dataSource.migrations.length;
    for (let i = 0; i < count; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const runner = dataSource.createQueryRunner();
    const left = [];
    for (const { tableName } of dataSource.entityMetadatas) if (await runner.hasTable(tableName)) left.push(tableName);
    await runner.release();
    expect(left).toEqual([]);
    await runMigrations(dataSource);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries).toHaveLength(0);
  });
});

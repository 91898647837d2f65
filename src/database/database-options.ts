import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/app-config';
import { mysqlMigrations, sqliteMigrations } from '../../migrations';
import { entities } from './entities';
import { SnakeNamingStrategy } from './naming.strategy';

/**
 * One place that turns DATABASE_URL into TypeORM options, used by the app, the CLI data source,
 * the migration generator and the tests. The schema is never synchronized: both dialects are
 * brought up to date by their own migrations (migrations/mysql, migrations/sqlite), so an upgrade
 * never drops a column or a table behind anyone's back.
 */
export function dataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const common = {
    entities,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    logging: false as const,
  };
  if (db.type === 'mysql') {
    return {
      ...common,
      type: 'mysql',
      url: db.url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: false,
      poolSize: db.poolSize,
      connectTimeout: 5000,
      migrations: mysqlMigrations,
    };
  }
  if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.path,
    enableWAL: true,
    prepareDatabase: (sqlite: { pragma(sql: string): unknown }) => {
      sqlite.pragma('busy_timeout = 5000');
      sqlite.pragma('foreign_keys = ON');
    },
    migrations: sqliteMigrations,
  };
}

/**
 * The options for comparing entities with a live schema (migration generation, the migrations
 * test). On a MariaDB server TypeORM reads column defaults correctly only when the data source says
 * `mariadb` (MariaDB reports a nullable column's default as the text NULL and quotes literals), so
 * the server is asked which it is. The app itself keeps `mysql`: no schema is diffed at run time.
 */
export async function schemaDiffOptions(db: DatabaseConfig): Promise<DataSourceOptions> {
  const options = dataSourceOptions(db);
  if (db.type !== 'mysql') return options;
  const connection = await createConnection({ uri: db.url });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const version = String((rows as Array<{ version: string }>)[0]?.version ?? '');
    return /mariadb/i.test(version) ? ({ ...options, type: 'mariadb' } as unknown as DataSourceOptions) : options;
  } finally {
    await connection.end();
  }
}

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/app-config';
import { mysqlMigrations, sqliteMigrations } from '../../migrations';
import { SnakeNamingStrategy } from './naming.strategy';

/**
 * One place that turns DATABASE_URL into TypeORM options, used by the app, the CLI data source,
 * the migration generator and the tests. The schema is never synchronized: both dialects are
 * brought up to date by their own migrations (migrations/mysql, migrations/sqlite), so an upgrade
 * never drops a column or a table behind anyone's back.
 */
export function dataSourceOptions(db: DatabaseConfig, entities: Function[], mysqlFlavor: 'mysql' | 'mariadb' = 'mysql'): DataSourceOptions {
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
      type: mysqlFlavor,
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
 * dataSourceOptions for the server actually behind DATABASE_URL: TypeORM reads MariaDB's
 * information_schema correctly (nullable columns' "NULL" defaults, quoted literals) only with
 * type 'mariadb', so a mysql:// URL that points at MariaDB is asked for its version first.
 * Without this, schema diffs (migration:generate, the migrations test) see phantom changes.
 */
export async function resolveDataSourceOptions(db: DatabaseConfig, entities: Function[]): Promise<DataSourceOptions> {
  if (db.type !== 'mysql') return dataSourceOptions(db, entities);
  const connection = await createConnection({ uri: db.url, connectTimeout: 5000 });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const version = String((rows as Array<{ version: string }>)[0]?.version ?? '');
    return dataSourceOptions(db, entities, /mariadb/i.test(version) ? 'mariadb' : 'mysql');
  } finally {
    await connection.end();
  }
}

import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatabaseConfig } from '../config/app-config';
import { resolveDataSourceOptions } from './database-options';
import { TransactionRunner } from './transaction-runner';

const MIGRATION_LOCK = 'wxshop_migrations';

/**
 * Applies pending migrations. On MySQL several processes may start together, so the run holds a
 * named lock and the others wait for it, then find nothing to do.
 */
export async function runMigrations(dataSource: DataSource, logger = new Logger('Database')): Promise<void> {
  const isMysql = dataSource.options.type === 'mysql' || dataSource.options.type === 'mariadb';
  const runner = dataSource.createQueryRunner();
  try {
    if (isMysql) {
      const [row] = await runner.query('SELECT GET_LOCK(?, 120) AS got', [MIGRATION_LOCK]);
      if (Number(row.got) !== 1) throw new Error('Timed out waiting for the migration lock');
    }
    const applied = await dataSource.runMigrations({ transaction: isMysql ? 'each' : 'all' });
    if (applied.length > 0) logger.log(`Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
  } finally {
    if (isMysql) await runner.query('SELECT RELEASE_LOCK(?)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(db: DatabaseConfig, entities: Function[]): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => resolveDataSourceOptions(db, entities),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            if (db.migrationsRun) await runMigrations(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [TransactionRunner],
      exports: [TransactionRunner],
    };
  }
}

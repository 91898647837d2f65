import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './config/app-config';
import { loadDotEnv } from './config/dotenv';
import { dataSourceOptions } from './database/database-options';
import { entities } from './entities';

/** The data source the TypeORM CLI uses (npm run migration:run / migration:revert); `.env` as for the server. */
loadDotEnv();
export default new DataSource(dataSourceOptions(loadConfig().database, entities));

// Maintained by `npm run migration:generate`: every migration of each dialect, in order.
import { Platform1795625570709 as mysqlPlatform1795625570709 } from './mysql/1795625570709-Platform';
import { Platform1795625570709 as sqlitePlatform1795625570709 } from './sqlite/1795625570709-Platform';

export const mysqlMigrations: Function[] = [mysqlPlatform1795625570709];
export const sqliteMigrations: Function[] = [sqlitePlatform1795625570709];

import { accessEntities } from '../modules/access';
import { auditEntities } from '../modules/audit';
import { cartEntities } from '../modules/cart';
import { catalogEntities } from '../modules/catalog';
import { identityEntities } from '../modules/identity';
import { inventoryEntities } from '../modules/inventory';
import { storeEntities } from '../modules/store';
import { SettingEntity } from '../shared/settings/setting.entity';

/**
 * Every entity of the application, listed explicitly so the app, the CLI, the migration
 * generator and jest all see the same set without file globs. Each module exports its own list.
 */
export const entities: Function[] = [
  SettingEntity,
  ...identityEntities,
  ...accessEntities,
  ...auditEntities,
  ...storeEntities,
  ...inventoryEntities,
  ...catalogEntities,
  ...cartEntities,
];

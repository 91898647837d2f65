import { accessEntities } from '../modules/access';
import { auditEntities } from '../modules/audit';
import { cartEntities } from '../modules/cart';
import { catalogEntities } from '../modules/catalog';
import { identityEntities } from '../modules/identity';
import { inventoryEntities } from '../modules/inventory';
import { orderingEntities } from '../modules/ordering';
import { paymentEntities } from '../modules/payment';
import { storeEntities } from '../modules/store';
import { IdempotencyRecordEntity } from '../shared/idempotency/idempotency-record.entity';
import { SettingEntity } from '../shared/settings/setting.entity';

/**
 * Every entity of the application, listed explicitly so the app, the CLI, the migration
 * generator and jest all see the same set without file globs. Each module exports its own list.
 */
export const entities: Function[] = [
  SettingEntity,
  IdempotencyRecordEntity,
  ...identityEntities,
  ...accessEntities,
  ...auditEntities,
  ...storeEntities,
  ...inventoryEntities,
  ...catalogEntities,
  ...cartEntities,
  ...orderingEntities,
  ...paymentEntities,
];

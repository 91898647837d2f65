import { accessEntities } from './modules/access/access.entities';
import { auditEntities } from './modules/audit/audit.entities';
import { cartEntities } from './modules/cart/cart.entities';
import { catalogEntities } from './modules/catalog/catalog.entities';
import { identityEntities } from './modules/identity/identity.entities';
import { inventoryEntities } from './modules/inventory/inventory.entities';
import { orderingEntities } from './modules/ordering/ordering.entities';
import { paymentEntities } from './modules/payment/payment.entities';
import { storeEntities } from './modules/store/store.entities';
import { IdempotencyRecordEntity } from './shared/idempotency/idempotency-record.entity';
import { SettingEntity } from './shared/settings/setting.entity';

/**
 * Every table of the application: the kernel's and each context's own list (`<context>.entities.ts`).
 * The composition roots (the app, the CLI data source, the migration generator, the tests) hand it
 * to the database layer, which imports no module.
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

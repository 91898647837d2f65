import type { DynamicModule, Type } from '@nestjs/common';
import { AccessModule } from './access';
import { AuditModule } from './audit';
import { CartModule } from './cart';
import { CatalogModule } from './catalog';
import { IdentityModule } from './identity';
import { InventoryModule } from './inventory';
import { OrderingModule } from './ordering';
import { PaymentModule } from './payment';
import { StoreModule } from './store';

/** The bounded contexts, in dependency order. */
export const businessModules: Array<Type<unknown> | DynamicModule> = [
  IdentityModule,
  AccessModule,
  AuditModule,
  StoreModule,
  InventoryModule,
  CatalogModule,
  CartModule,
  OrderingModule,
  PaymentModule,
];

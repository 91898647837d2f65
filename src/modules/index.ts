import type { DynamicModule, Type } from '@nestjs/common';
import { CartModule } from './cart';
import { CatalogModule } from './catalog';
import { InventoryModule } from './inventory';
import { StoreModule } from './store';

/** The bounded contexts, in dependency order. */
export const businessModules: Array<Type<unknown> | DynamicModule> = [StoreModule, InventoryModule, CatalogModule, CartModule];

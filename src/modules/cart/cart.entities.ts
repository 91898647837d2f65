import { CartItemEntity } from './domain/cart-item.entity';
import { CartEntity } from './domain/cart.entity';

/** The tables of the cart context, contributed to the data source by src/entities.ts. */
export const cartEntities: Function[] = [CartEntity, CartItemEntity];

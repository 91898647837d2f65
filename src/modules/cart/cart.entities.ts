import { CartItemEntity } from './domain/cart-item.entity';

/** The tables of the cart context, contributed to the data source by src/entities.ts. */
export const cartEntities: Function[] = [CartItemEntity];

import { CategoryEntity } from './domain/category.entity';
import { ProductEntity } from './domain/product.entity';
import { SkuEntity } from './domain/sku.entity';

/** The tables of the catalog context, contributed to the data source by src/entities.ts. */
export const catalogEntities: Function[] = [CategoryEntity, ProductEntity, SkuEntity];

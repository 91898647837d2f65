import { CategoryEntity } from './domain/category.entity';
import { ProductEntity } from './domain/product.entity';
import { SkuEntity } from './domain/sku.entity';

export { CatalogModule } from './catalog.module';
export { CatalogService, type CheckoutSku } from './application/catalog.service';
export { PRODUCT_STATUSES, type ProductStatus } from './domain/product.entity';
export type { SpecGroup } from './domain/product-specs';
export { MediaStorage, type StoredMedia } from './infrastructure/media-storage';
export { CatalogPermissions } from './catalog.permissions';

export const catalogEntities: Function[] = [CategoryEntity, ProductEntity, SkuEntity];

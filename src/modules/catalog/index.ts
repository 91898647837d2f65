export { CatalogModule } from './catalog.module';
export { CatalogService, type CheckoutSku } from './application/catalog.service';
export { PRODUCT_STATUSES, type ProductStatus } from './domain/product.entity';
export type { SpecGroup } from './domain/product-specs';
export { MediaStorage, type StoredMedia } from './infrastructure/media-storage';
export { CatalogPermissions } from './catalog.permissions';

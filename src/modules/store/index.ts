export { StoreModule } from './store.module';
export { StoreService } from './application/store.service';
export type { NearbyStore, OrderableStore } from './application/store.service';
export type { StoreView } from './application/store.views';
export type { BusinessHoursRange } from './domain/business-hours';
export type { GeoPoint } from './domain/geo';
export { DELIVERY_TYPES, type DeliveryType, type StoreStatus } from './domain/store.types';
export { StorePermissions } from './store.permissions';

import type { BusinessHoursRange } from '../domain/business-hours';
import type { StoreEntity } from '../domain/store.entity';
import type { DeliveryType, StoreStatus } from '../domain/store.types';

/** What other modules (ordering, logistics) read about a store. */
export interface StoreView {
  id: number;
  name: string;
  address: string;
  latitude: number;
  longitude: number;
  phone: string;
  businessHours: BusinessHoursRange[];
  deliveryRadiusMeters: number;
  /** fen */
  localDeliveryFee: number;
  serviceModes: DeliveryType[];
  status: StoreStatus;
  timeZone: string;
}

export function toStoreView(store: StoreEntity): StoreView {
  return {
    id: store.id,
    name: store.name,
    address: store.address,
    latitude: store.latitude,
    longitude: store.longitude,
    phone: store.phone,
    businessHours: store.businessHours,
    deliveryRadiusMeters: store.deliveryRadiusMeters,
    localDeliveryFee: store.localDeliveryFee,
    serviceModes: store.serviceModes,
    status: store.status,
    timeZone: store.timeZone,
  };
}

import type { StoreEntity } from '../domain/store.entity';
import type { StoreDto } from './dto/store.dto';

export function presentStore(store: StoreEntity, at: Date = new Date()): StoreDto {
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
    isOpen: store.isOpenAt(at),
    createdAt: store.createdAt.toISOString(),
    updatedAt: store.updatedAt.toISOString(),
  };
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { BadRequestError, ConflictError, NotFoundError } from '../../../shared/domain/domain-error';
import type { GeoPoint } from '../domain/geo';
import { StoreEntity } from '../domain/store.entity';
import type { DeliveryType } from '../domain/store.types';
import { StoreView, toStoreView } from './store.views';

export interface NearbyStore extends StoreView {
  distanceMeters: number | null;
  isOpen: boolean;
}

export interface OrderableStore {
  store: StoreView;
  /** Distance from the delivery location, when one was given. */
  distanceMeters: number | null;
}

/**
 * The store questions other modules ask: a store's details, the stores near a shopper, and
 * whether a store can take an order of a delivery type at a location right now.
 */
@Injectable()
export class StoreService {
  constructor(private readonly dataSource: DataSource) {}

  /** A live (not deleted) store, or NotFoundError. */
  async getStore(id: number, em?: EntityManager): Promise<StoreView> {
    return toStoreView(await this.load(id, em));
  }

  /**
   * Refuses an order the store cannot take now, in this order of checks:
   * - NotFoundError: no such store (or deleted);
   * - 409 DELIVERY_TYPE_NOT_SUPPORTED: not one of the store's service modes;
   * - 409 STORE_CLOSED: temporarily closed, or (for all but EXPRESS) outside its business hours —
   *   courier orders are shipped later, so only a temporary closure stops them;
   * - 400 LOCATION_REQUIRED / 409 OUT_OF_DELIVERY_RANGE: LOCAL_DELIVERY needs a location within the radius.
   */
  async checkOrderable(
    storeId: number,
    deliveryType: DeliveryType,
    location?: GeoPoint | null,
    at: Date = new Date(),
    em?: EntityManager,
  ): Promise<OrderableStore> {
    const store = await this.load(storeId, em);
    if (!store.supports(deliveryType)) {
      throw new ConflictError('DELIVERY_TYPE_NOT_SUPPORTED', `This store does not offer ${deliveryType}`, {
        storeId,
        deliveryType,
        serviceModes: store.serviceModes,
      });
    }
    if (store.status === 'CLOSED') {
      throw new ConflictError('STORE_CLOSED', 'This store is temporarily closed', { storeId });
    }
    if (deliveryType !== 'EXPRESS' && !store.isOpenAt(at)) {
      throw new ConflictError('STORE_CLOSED', 'This store is outside its business hours', { storeId, businessHours: store.businessHours });
    }
    const distance = location ? store.distanceTo(location) : null;
    if (deliveryType === 'LOCAL_DELIVERY') {
      if (distance === null) throw new BadRequestError('LOCATION_REQUIRED', 'Local delivery needs the delivery location', { storeId });
      if (distance > store.deliveryRadiusMeters) {
        throw new ConflictError('OUT_OF_DELIVERY_RANGE', 'The address is beyond this store’s delivery radius', {
          storeId,
          distanceMeters: distance,
          deliveryRadiusMeters: store.deliveryRadiusMeters,
        });
      }
    }
    return { store: toStoreView(store), distanceMeters: distance };
  }

  /** Every live store, open and closed, nearest first when a location is given (else by id). */
  async nearby(location: GeoPoint | null, at: Date = new Date()): Promise<NearbyStore[]> {
    const stores = await this.dataSource.getRepository(StoreEntity).find({ where: { deletedAt: IsNull() }, order: { id: 'ASC' } });
    const rows = stores.map((store) => ({
      ...toStoreView(store),
      distanceMeters: location ? store.distanceTo(location) : null,
      isOpen: store.isOpenAt(at),
    }));
    if (location) rows.sort((a, b) => a.distanceMeters! - b.distanceMeters! || a.id - b.id);
    return rows;
  }

  private async load(id: number, em?: EntityManager): Promise<StoreEntity> {
    const store = await (em ?? this.dataSource.manager).findOne(StoreEntity, { where: { id, deletedAt: IsNull() } });
    if (!store) throw new NotFoundError('Store', { storeId: id });
    return store;
  }
}

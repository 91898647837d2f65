import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Not } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction-runner';
import { ConflictError, NotFoundError } from '../../../shared/domain/domain-error';
import { ValidationFailedError } from '../../../shared/http/validation';
import { ShopperAddressEntity } from '../domain/shopper-address.entity';
import { ShopperEntity } from '../domain/shopper.entity';

export const MAX_ADDRESSES_PER_SHOPPER = 20;

export interface AddressInput {
  receiverName: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  isDefault?: boolean;
  latitude?: number | null;
  longitude?: number | null;
}

export interface AddressView {
  id: number;
  receiverName: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  isDefault: boolean;
  latitude: number | null;
  longitude: number | null;
  createdAt: Date;
  updatedAt: Date;
}

function toView(a: ShopperAddressEntity): AddressView {
  return {
    id: a.id,
    receiverName: a.receiverName,
    phone: a.phone,
    province: a.province,
    city: a.city,
    district: a.district,
    detail: a.detail,
    isDefault: a.isDefault,
    latitude: a.latitude,
    longitude: a.longitude,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

/**
 * A shopper's delivery addresses: at most MAX_ADDRESSES_PER_SHOPPER, at most one default (the
 * first address becomes the default; deleting the default promotes the most recent other one).
 * Another shopper's address is "not found".
 */
@Injectable()
export class AddressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  async list(shopperId: number): Promise<AddressView[]> {
    const rows = await this.dataSource.manager.find(ShopperAddressEntity, { where: { shopperId }, order: { isDefault: 'DESC', updatedAt: 'DESC', id: 'DESC' } });
    return rows.map(toView);
  }

  async get(shopperId: number, addressId: number): Promise<AddressView> {
    return toView(await this.owned(this.dataSource.manager, shopperId, addressId));
  }

  /** For other contexts (ordering): the shopper's address, or null when it is not theirs. */
  async findOwned(shopperId: number, addressId: number): Promise<AddressView | null> {
    const row = await this.dataSource.manager.findOneBy(ShopperAddressEntity, { id: addressId, shopperId });
    return row ? toView(row) : null;
  }

  async create(shopperId: number, input: AddressInput): Promise<AddressView> {
    return this.tx.run(async (em) => {
      await this.lockShopper(em, shopperId);
      const count = await em.countBy(ShopperAddressEntity, { shopperId });
      if (count >= MAX_ADDRESSES_PER_SHOPPER) {
        throw new ConflictError('ADDRESS_LIMIT_REACHED', `A shopper may keep at most ${MAX_ADDRESSES_PER_SHOPPER} addresses`, { limit: MAX_ADDRESSES_PER_SHOPPER });
      }
      const isDefault = input.isDefault === true || count === 0;
      if (isDefault) await em.update(ShopperAddressEntity, { shopperId, isDefault: true }, { isDefault: false });
      const inserted = await em.insert(ShopperAddressEntity, {
        shopperId,
        receiverName: input.receiverName,
        phone: input.phone,
        province: input.province,
        city: input.city,
        district: input.district,
        detail: input.detail,
        isDefault,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
      });
      return toView(await em.findOneByOrFail(ShopperAddressEntity, { id: inserted.identifiers[0].id as number }));
    });
  }

  async update(shopperId: number, addressId: number, patch: Partial<AddressInput>): Promise<AddressView> {
    return this.tx.run(async (em) => {
      await this.lockShopper(em, shopperId);
      const address = await this.owned(em, shopperId, addressId);
      const changes: Partial<ShopperAddressEntity> = {};
      for (const key of ['receiverName', 'phone', 'province', 'city', 'district', 'detail', 'latitude', 'longitude'] as const) {
        if (patch[key] !== undefined) (changes as Record<string, unknown>)[key] = patch[key];
      }
      const latitude = changes.latitude !== undefined ? changes.latitude : address.latitude;
      const longitude = changes.longitude !== undefined ? changes.longitude : address.longitude;
      if ((latitude === null) !== (longitude === null)) {
        const field = latitude === null ? 'latitude' : 'longitude';
        throw new ValidationFailedError([{ field, message: 'latitude and longitude are given together' }]);
      }
      if (patch.isDefault === true && !address.isDefault) {
        await em.update(ShopperAddressEntity, { shopperId, isDefault: true }, { isDefault: false });
        changes.isDefault = true;
      } else if (patch.isDefault === false && address.isDefault) {
        changes.isDefault = false;
      }
      if (Object.keys(changes).length > 0) await em.update(ShopperAddressEntity, { id: address.id }, changes);
      return toView(await em.findOneByOrFail(ShopperAddressEntity, { id: address.id }));
    });
  }

  async remove(shopperId: number, addressId: number): Promise<void> {
    await this.tx.run(async (em) => {
      await this.lockShopper(em, shopperId);
      const address = await this.owned(em, shopperId, addressId);
      await em.delete(ShopperAddressEntity, { id: address.id });
      if (address.isDefault) {
        const next = await em.findOne(ShopperAddressEntity, { where: { shopperId, id: Not(address.id) }, order: { updatedAt: 'DESC', id: 'DESC' } });
        if (next) await em.update(ShopperAddressEntity, { id: next.id }, { isDefault: true });
      }
    });
  }

  private async owned(em: EntityManager, shopperId: number, addressId: number): Promise<ShopperAddressEntity> {
    const row = await em.findOneBy(ShopperAddressEntity, { id: addressId, shopperId });
    if (!row) throw new NotFoundError('Address');
    return row;
  }

  /**
   * Serializes one shopper's address changes (the count limit and the single default hold under
   * concurrent requests). SQLite transactions are already serialized by TransactionRunner.
   */
  private async lockShopper(em: EntityManager, shopperId: number): Promise<void> {
    if (em.connection.options.type === 'better-sqlite3') return;
    await em.createQueryBuilder(ShopperEntity, 's').select('s.id').where('s.id = :id', { id: shopperId }).setLock('pessimistic_write').getOne();
  }
}

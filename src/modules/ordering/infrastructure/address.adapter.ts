import { Injectable } from '@nestjs/common';
import { AddressService } from '../../identity';
import type { AddressSnapshot } from '../domain/order.entity';
import { AddressPort } from '../application/ports';

/** The shopper's own address from the identity context, frozen into the order. */
@Injectable()
export class IdentityAddressAdapter extends AddressPort {
  constructor(private readonly addresses: AddressService) {
    super();
  }

  async snapshot(shopperId: number, addressId: number): Promise<AddressSnapshot> {
    const a = await this.addresses.get(shopperId, addressId);
    return {
      receiverName: a.receiverName,
      phone: a.phone,
      province: a.province,
      city: a.city,
      district: a.district,
      detail: a.detail,
      latitude: a.latitude,
      longitude: a.longitude,
    };
  }
}

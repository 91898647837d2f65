import { RefreshTokenEntity } from './domain/refresh-token.entity';
import { ShopperAddressEntity } from './domain/shopper-address.entity';
import { ShopperEntity } from './domain/shopper.entity';
import { StaffAccountEntity } from './domain/staff-account.entity';

/** The tables of the identity context, contributed to the data source by src/entities.ts. */
export const identityEntities: Function[] = [ShopperEntity, ShopperAddressEntity, StaffAccountEntity, RefreshTokenEntity];

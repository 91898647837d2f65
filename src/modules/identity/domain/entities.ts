import { RefreshTokenEntity } from './refresh-token.entity';
import { ShopperAddressEntity } from './shopper-address.entity';
import { ShopperEntity } from './shopper.entity';
import { StaffAccountEntity } from './staff-account.entity';

export const identityEntities: Function[] = [ShopperEntity, ShopperAddressEntity, StaffAccountEntity, RefreshTokenEntity];

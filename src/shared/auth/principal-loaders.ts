import type { ShopperPrincipal, StaffPrincipal } from '../http/request-context';
import type { AccessClaims } from './token.service';

/**
 * Provided by the access module: turns verified staff claims into a principal with permissions
 * and store scope, or null when the account is gone, disabled or the token version is stale.
 */
export abstract class StaffPrincipalLoader {
  abstract load(claims: AccessClaims): Promise<StaffPrincipal | null>;
}

/** Provided by the identity module: null when the shopper is gone or blocked. */
export abstract class ShopperPrincipalLoader {
  abstract load(claims: AccessClaims): Promise<ShopperPrincipal | null>;
}

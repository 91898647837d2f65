import type { ShopperEntity } from '../domain/shopper.entity';

/** What the shopper sees of their own account. */
export interface ShopperProfile {
  id: number;
  nickname: string | null;
  avatarUrl: string | null;
  phone: string | null;
  inviteCode: string;
}

export function toShopperProfile(s: ShopperEntity): ShopperProfile {
  return { id: s.id, nickname: s.nickname, avatarUrl: s.avatarUrl, phone: s.phone, inviteCode: s.inviteCode };
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Lifetime of the access token in seconds. */
  expiresIn: number;
}

export interface ShopperSession extends TokenPair {
  user: ShopperProfile;
}

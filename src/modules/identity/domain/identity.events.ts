/**
 * A new shopper logged in for the first time through a valid invite code of another shopper.
 * Emitted after commit; distribution binds the invitee to the inviter if the inviter is a distributor.
 */
export class ShopperInvitedEvent {
  static readonly eventName = 'identity.shopper-invited';

  constructor(
    readonly shopperId: number,
    readonly inviterId: number,
    readonly inviteCode: string,
  ) {}
}

/** A shopper account was created at its first WeChat login. Emitted after commit. */
export class ShopperRegisteredEvent {
  static readonly eventName = 'identity.shopper-registered';

  constructor(
    readonly shopperId: number,
    readonly inviterId: number | null,
  ) {}
}

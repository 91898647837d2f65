import { Injectable } from '@nestjs/common';
import { ShopperService } from '../../identity';
import { PayerPort } from '../application/payment.service';

/** The WeChat openid that pays for a shopper, from the identity context. */
@Injectable()
export class IdentityPayerAdapter extends PayerPort {
  constructor(private readonly shoppers: ShopperService) {
    super();
  }

  openidOf(shopperId: number): Promise<string> {
    return this.shoppers.openidOf(shopperId);
  }
}

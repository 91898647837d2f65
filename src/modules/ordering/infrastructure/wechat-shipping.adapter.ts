import { Injectable } from '@nestjs/common';
import { WechatMiniProgramClient } from '../../identity';
import { ShippingInfoAnswer, ShippingInfoPort } from '../application/ports';

/** Uploads shipping information through the identity context's mini-program client (access token handled there). */
@Injectable()
export class WechatShippingInfoAdapter extends ShippingInfoPort {
  constructor(private readonly client: WechatMiniProgramClient) {
    super();
  }

  async upload(body: Record<string, unknown>): Promise<ShippingInfoAnswer> {
    const answer = await this.client.postWithAccessToken('/wxa/sec/order/upload_shipping_info', body);
    return { errcode: Number(answer.errcode ?? 0), errmsg: String(answer.errmsg ?? '') };
  }
}

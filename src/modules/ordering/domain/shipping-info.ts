import type { DeliveryType } from './order-status';

/** WeChat's logistics_type of the order shipping API. */
export const LOGISTICS_TYPE = { EXPRESS: 1, LOCAL_DELIVERY: 2, VIRTUAL: 3, SELF_PICKUP: 4 } as const;

/** EXPRESS ships by courier, LOCAL_DELIVERY by the store's own rider, PICKUP is collected, DINE_IN is served (nothing travels). */
export function logisticsTypeFor(delivery: DeliveryType): number {
  switch (delivery) {
    case 'EXPRESS':
      return LOGISTICS_TYPE.EXPRESS;
    case 'LOCAL_DELIVERY':
      return LOGISTICS_TYPE.LOCAL_DELIVERY;
    case 'PICKUP':
      return LOGISTICS_TYPE.SELF_PICKUP;
    case 'DINE_IN':
      return LOGISTICS_TYPE.VIRTUAL;
  }
}

export interface ShippingInfoInput {
  transactionId: string;
  payerOpenid: string;
  logisticsType: number;
  carrier: string | null;
  trackingNo: string | null;
  /** The receiver's phone (express only: WeChat wants it masked when the carrier is SF). */
  receiverPhone: string | null;
  items: Array<{ name: string; quantity: number }>;
  /** When the information is sent (WeChat orders uploads by it). */
  at: Date;
}

const ITEM_DESC_MAX = 120;

/** "绿茶 x2, 红茶 x1", cut to WeChat's 120 characters. */
export function itemDescription(items: Array<{ name: string; quantity: number }>): string {
  const text = items.map((i) => `${i.name} x${i.quantity}`).join(', ');
  const chars = [...text];
  return chars.length <= ITEM_DESC_MAX ? text : `${chars.slice(0, ITEM_DESC_MAX - 1).join('')}…`;
}

/** 138****8000: the form WeChat asks for in contact.receiver_contact. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
}

/** RFC 3339 in China time, as WeChat shows it: 2026-11-25T16:10:00.000+08:00. */
export function rfc3339China(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, -1)}+08:00`;
}

/** The body of POST /wxa/sec/order/upload_shipping_info for one order (one parcel, unified delivery). */
export function shippingInfoBody(input: ShippingInfoInput): Record<string, unknown> {
  const item: Record<string, unknown> = { item_desc: itemDescription(input.items) };
  if (input.logisticsType === LOGISTICS_TYPE.EXPRESS) {
    item.tracking_no = input.trackingNo ?? '';
    item.express_company = input.carrier ?? '';
    if (input.receiverPhone) item.contact = { receiver_contact: maskPhone(input.receiverPhone) };
  }
  return {
    order_key: { order_number_type: 2, transaction_id: input.transactionId },
    logistics_type: input.logisticsType,
    delivery_mode: 1,
    shipping_list: [item],
    upload_time: rfc3339China(input.at),
    payer: { openid: input.payerOpenid },
  };
}

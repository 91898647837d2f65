import { itemDescription, logisticsTypeFor, maskPhone, rfc3339China, shippingInfoBody } from './shipping-info';

describe('shipping information for WeChat', () => {
  it('maps delivery types to WeChat logistics types', () => {
    expect(['EXPRESS', 'LOCAL_DELIVERY', 'DINE_IN', 'PICKUP'].map((d) => logisticsTypeFor(d as never))).toEqual([1, 2, 3, 4]);
  });

  it('describes the items within 120 characters', () => {
    expect(itemDescription([{ name: '绿茶', quantity: 2 }, { name: '红茶', quantity: 1 }])).toBe('绿茶 x2, 红茶 x1');
    const long = itemDescription(Array.from({ length: 30 }, (_, i) => ({ name: `商品名称${i}`, quantity: 1 })));
    expect([...long]).toHaveLength(120);
    expect(long.endsWith('…')).toBe(true);
  });

  it('masks the receiver phone and writes China time in RFC 3339', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(rfc3339China(new Date('2026-11-25T08:10:00.000Z'))).toBe('2026-11-25T16:10:00.000+08:00');
    expect(Date.parse(rfc3339China(new Date('2026-11-25T20:10:00.000Z')))).toBe(Date.parse('2026-11-25T20:10:00.000Z'));
  });

  it('keys the upload by transaction id and sends tracking details for express only', () => {
    const base = { transactionId: '4200001', payerOpenid: 'oABC', carrier: 'SF', trackingNo: 'SF123', receiverPhone: '13800138000', items: [{ name: '绿茶', quantity: 2 }], at: new Date('2026-11-25T08:10:00Z') };
    expect(shippingInfoBody({ ...base, logisticsType: 1 })).toEqual({
      order_key: { order_number_type: 2, transaction_id: '4200001' },
      logistics_type: 1,
      delivery_mode: 1,
      shipping_list: [{ item_desc: '绿茶 x2', tracking_no: 'SF123', express_company: 'SF', contact: { receiver_contact: '138****8000' } }],
      upload_time: '2026-11-25T16:10:00.000+08:00',
      payer: { openid: 'oABC' },
    });
    expect(shippingInfoBody({ ...base, logisticsType: 4 }).shipping_list).toEqual([{ item_desc: '绿茶 x2' }]);
  });
});

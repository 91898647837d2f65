import { formatWechatPayTime, parseRefund, parseTransaction, PayloadShapeError } from './wechatpay.types';

describe('WeChat Pay payload helpers', () => {
  it('writes times as RFC 3339 in China Standard Time, without milliseconds', () => {
    expect(formatWechatPayTime(new Date('2018-06-08T02:34:56.789Z'))).toBe('2018-06-08T10:34:56+08:00');
    expect(formatWechatPayTime(new Date('2024-12-31T20:00:00Z'))).toBe('2025-01-01T04:00:00+08:00');
    expect(() => formatWechatPayTime(new Date('nonsense'))).toThrow(RangeError);
  });

  it('accepts the documented unpaid query answer (no transaction_id, payer or payer_total)', () => {
    const notPaid = {
      amount: { payer_currency: 'CNY', total: 1 },
      appid: 'wxfc0e36204345c206',
      mchid: '1642979517',
      out_trade_no: '1654449150982348804202305051933',
      promotion_detail: [],
      scene_info: { device_id: '' },
      trade_state: 'NOTPAY',
      trade_state_desc: '订单未支付',
    };
    expect(parseTransaction(notPaid)).toEqual(notPaid);
  });

  it.each([
    ['an unknown trade_state', { trade_state: 'PAID' }],
    ['a paid transaction without transaction_id', { trade_state: 'SUCCESS', success_time: '2023-05-06T15:17:31+08:00' }],
    ['an amount in yuan', { amount: { total: 0.01 } }],
    ['a missing mchid', { mchid: undefined }],
  ])('refuses a transaction with %s', (_name, patch) => {
    const base = { appid: 'wx1', mchid: '1', out_trade_no: 'A123456', trade_state: 'NOTPAY', amount: { total: 1 } };
    expect(() => parseTransaction({ ...base, ...patch })).toThrow(PayloadShapeError);
  });

  it('refuses a refund with an unknown status', () => {
    const refund = { refund_id: '1', out_refund_no: '2', transaction_id: '3', out_trade_no: '4', status: 'DONE', amount: { total: 1, refund: 1 } };
    expect(() => parseRefund(refund)).toThrow(PayloadShapeError);
    expect(parseRefund({ ...refund, status: 'PROCESSING' }).status).toBe('PROCESSING');
  });
});

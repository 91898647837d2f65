import { newOrderNo, newPickupCode, newRefundNo } from './order-number';

describe('order numbers', () => {
  it('are valid WeChat Pay out_trade_no values, start with the UTC time and differ every time', () => {
    const at = new Date('2026-11-25T08:09:10Z');
    const numbers = Array.from({ length: 1000 }, () => newOrderNo(at));
    for (const n of numbers) {
      expect(n).toMatch(/^[0-9A-Za-z_-]{6,32}$/);
      expect(n.startsWith('261125080910')).toBe(true);
    }
    expect(new Set(numbers).size).toBe(1000);
  });

  it('makes refund numbers and 6-digit pickup codes', () => {
    expect(newRefundNo(42)).toMatch(/^RF42[0-9A-Za-z]{8}$/);
    expect(newPickupCode()).toMatch(/^\d{6}$/);
  });
});

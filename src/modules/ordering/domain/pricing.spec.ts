import { freightFor, priceLines, PricingLine, spreadDiscount, summarize } from './pricing';

const line = (skuId: number, price: number, quantity: number, categoryId = 1): PricingLine => ({
  skuId,
  productId: skuId,
  categoryId,
  name: `P${skuId}`,
  specValues: {},
  image: null,
  price,
  quantity,
});

describe('pricing', () => {
  it('prices each line as price × quantity', () => {
    const lines = priceLines([line(1, 1999, 3), line(2, 500, 1)]);
    expect(lines.map((l) => [l.totalAmount, l.payAmount])).toEqual([
      [5997, 5997],
      [500, 500],
    ]);
  });

  it('spreads a coupon so that the lines add up exactly to the order', () => {
    const lines = priceLines([line(1, 333, 1), line(2, 333, 1), line(3, 334, 1)]);
    expect(spreadDiscount(lines, 'couponAmount', 100)).toBe(100);
    expect(lines.map((l) => l.couponAmount)).toEqual([33, 33, 34]);
    const summary = summarize(lines, 0);
    expect(summary.couponAmount).toBe(100);
    expect(summary.payAmount).toBe(900);
    expect(lines.reduce((s, l) => s + l.payAmount, 0)).toBe(900);
  });

  it('stacks discounts, each spread over what the lines still cost', () => {
    const lines = priceLines([line(1, 1000, 1), line(2, 3000, 1)]);
    spreadDiscount(lines, 'discountAmount', 400);
    spreadDiscount(lines, 'pointsAmount', 101);
    expect(lines.map((l) => l.discountAmount)).toEqual([100, 300]);
    expect(lines.map((l) => l.pointsAmount)).toEqual([25, 76]);
    expect(summarize(lines, 800)).toMatchObject({ totalAmount: 4000, discountAmount: 400, pointsAmount: 101, freightAmount: 800, payAmount: 4299 });
  });

  it('limits a discount to the eligible lines and never below zero', () => {
    const lines = priceLines([line(1, 1000, 1, 7), line(2, 500, 1, 8)]);
    expect(spreadDiscount(lines, 'couponAmount', 5000, (l) => l.categoryId === 8)).toBe(500);
    expect(lines.map((l) => l.payAmount)).toEqual([1000, 0]);
  });

  it('charges freight by delivery type', () => {
    const rule = { expressFee: 800, expressFreeThreshold: 9900 };
    expect(freightFor('EXPRESS', 9899, rule, 300)).toBe(800);
    expect(freightFor('EXPRESS', 9900, rule, 300)).toBe(0);
    expect(freightFor('EXPRESS', 100000, { expressFee: 800, expressFreeThreshold: 0 }, 0)).toBe(800);
    expect(freightFor('LOCAL_DELIVERY', 100, rule, 300)).toBe(300);
    expect(freightFor('PICKUP', 100, rule, 300)).toBe(0);
    expect(freightFor('DINE_IN', 100, rule, 300)).toBe(0);
  });
});

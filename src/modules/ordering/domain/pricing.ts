import { prorate, sumFen } from '../../../shared/domain/money';
import type { DeliveryType } from './order-status';

/** One line as checkout sees it: what is bought, at the current price. */
export interface PricingLine {
  skuId: number;
  productId: number;
  categoryId: number;
  name: string;
  specValues: Record<string, string>;
  image: string | null;
  price: number;
  quantity: number;
}

export interface PricedLine extends PricingLine {
  /** price × quantity */
  totalAmount: number;
  discountAmount: number;
  couponAmount: number;
  pointsAmount: number;
  /** What the shopper pays for this line: total − its share of every discount. */
  payAmount: number;
}

export interface PriceBreakdown {
  lines: PricedLine[];
  totalAmount: number;
  discountAmount: number;
  couponAmount: number;
  pointsAmount: number;
  freightAmount: number;
  payAmount: number;
}

export type DiscountKind = 'discountAmount' | 'couponAmount' | 'pointsAmount';

export function priceLines(lines: readonly PricingLine[]): PricedLine[] {
  return lines.map((line) => {
    const totalAmount = line.price * line.quantity;
    return { ...line, totalAmount, discountAmount: 0, couponAmount: 0, pointsAmount: 0, payAmount: totalAmount };
  });
}

/**
 * Spreads a discount over the eligible lines in proportion to what each still costs, so every
 * line's payAmount stays known and the lines add up exactly to the order. The amount is capped at
 * what the eligible lines still cost. Returns the amount actually applied.
 */
export function spreadDiscount(lines: PricedLine[], kind: DiscountKind, amount: number, eligible: (line: PricedLine) => boolean = () => true): number {
  const weights = lines.map((line) => (eligible(line) ? line.payAmount : 0));
  const applied = Math.min(Math.max(0, Math.floor(amount)), sumFen(weights));
  if (applied === 0) return 0;
  const parts = prorate(applied, weights);
  lines.forEach((line, i) => {
    line[kind] += parts[i];
    line.payAmount -= parts[i];
  });
  return applied;
}

export interface FreightRule {
  /** Flat EXPRESS fee in fen. */
  expressFee: number;
  /** EXPRESS is free when the goods cost at least this much (fen); 0 = never free. */
  expressFreeThreshold: number;
}

/** Freight: EXPRESS flat fee unless over the threshold; the store's fee for LOCAL_DELIVERY; none at the counter. */
export function freightFor(deliveryType: DeliveryType, goodsAmount: number, rule: FreightRule, localDeliveryFee: number): number {
  switch (deliveryType) {
    case 'EXPRESS':
      return rule.expressFreeThreshold > 0 && goodsAmount >= rule.expressFreeThreshold ? 0 : rule.expressFee;
    case 'LOCAL_DELIVERY':
      return localDeliveryFee;
    default:
      return 0;
  }
}

export function summarize(lines: PricedLine[], freightAmount: number): PriceBreakdown {
  const total = (k: keyof Pick<PricedLine, 'totalAmount' | DiscountKind | 'payAmount'>) => sumFen(lines.map((l) => l[k]));
  return {
    lines,
    totalAmount: total('totalAmount'),
    discountAmount: total('discountAmount'),
    couponAmount: total('couponAmount'),
    pointsAmount: total('pointsAmount'),
    freightAmount,
    payAmount: total('payAmount') + freightAmount,
  };
}

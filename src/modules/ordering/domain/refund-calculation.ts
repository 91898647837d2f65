/** What has already been claimed by earlier after-sales on one order item. */
export interface ItemRefundState {
  orderItemId: number;
  quantity: number;
  payAmount: number;
  claimedQuantity: number;
  claimedAmount: number;
}

export interface RequestedItem {
  orderItemId: number;
  quantity: number;
}

export type RefundPlanError =
  | { kind: 'UNKNOWN_ITEM'; orderItemId: number }
  | { kind: 'QUANTITY_EXCEEDED'; orderItemId: number; remaining: number }
  | { kind: 'DUPLICATE_ITEM'; orderItemId: number }
  | { kind: 'NOTHING_TO_REFUND' };

export interface RefundPlan {
  lines: Array<{ orderItemId: number; quantity: number; amount: number }>;
  amount: number;
}

/**
 * The refundable amount of chosen item quantities: what was paid for them. Part of an item gets
 * its proportional share rounded down; the last units of an item get whatever of its payAmount
 * is left, so refunding an item in pieces adds up exactly to what was paid for it.
 */
export function planItemRefund(items: readonly ItemRefundState[], requested: readonly RequestedItem[]): RefundPlan | RefundPlanError {
  const seen = new Set<number>();
  const lines: RefundPlan['lines'] = [];
  for (const req of requested) {
    if (seen.has(req.orderItemId)) return { kind: 'DUPLICATE_ITEM', orderItemId: req.orderItemId };
    seen.add(req.orderItemId);
    const item = items.find((i) => i.orderItemId === req.orderItemId);
    if (!item) return { kind: 'UNKNOWN_ITEM', orderItemId: req.orderItemId };
    const remaining = item.quantity - item.claimedQuantity;
    if (req.quantity > remaining) return { kind: 'QUANTITY_EXCEEDED', orderItemId: item.orderItemId, remaining };
    const amount =
      req.quantity === remaining
        ? item.payAmount - item.claimedAmount
        : Math.min(Math.floor((item.payAmount * req.quantity) / item.quantity), item.payAmount - item.claimedAmount);
    lines.push({ orderItemId: item.orderItemId, quantity: req.quantity, amount });
  }
  const amount = lines.reduce((s, l) => s + l.amount, 0);
  if (lines.length === 0 || amount <= 0) return { kind: 'NOTHING_TO_REFUND' };
  return { lines, amount };
}

/**
 * A whole-order after-sale: every unit not yet claimed, plus the freight when nothing has been
 * claimed before (the freight is refunded only with the whole order).
 */
export function planWholeOrderRefund(items: readonly ItemRefundState[], freightAmount: number): RefundPlan | RefundPlanError {
  const untouched = items.every((i) => i.claimedQuantity === 0);
  const rest = items.filter((i) => i.quantity > i.claimedQuantity).map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity - i.claimedQuantity }));
  if (rest.length === 0) return { kind: 'NOTHING_TO_REFUND' };
  const plan = planItemRefund(items, rest);
  if ('kind' in plan) return plan;
  return untouched ? { lines: plan.lines, amount: plan.amount + freightAmount } : plan;
}

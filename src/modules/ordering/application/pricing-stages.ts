import type { EntityManager } from 'typeorm';
import type { PricedLine } from '../domain/pricing';

export interface DiscountRequest {
  couponId?: number;
  usePoints?: boolean;
}

export interface DiscountContext {
  shopperId: number;
  lines: PricedLine[];
  request: DiscountRequest;
}

/** What a stage decided, to be committed with the order (coupon used, points spent). */
export interface DiscountOutcome {
  couponId?: number;
  pointsUsed?: number;
}

/**
 * A step of the checkout pricing pipeline between the item subtotal and the freight: member
 * discount, coupon, points. Stages come from other contexts (membership) through the
 * DiscountStageRegistry and run in `order`. `apply` only prices (preview and placing);
 * `commit` makes it stick inside the order's transaction; `revert` undoes it when an unpaid order
 * is cancelled.
 */
export interface DiscountStage {
  readonly name: string;
  readonly order: number;
  apply(ctx: DiscountContext): Promise<DiscountOutcome>;
  commit(em: EntityManager, orderId: number, ctx: DiscountContext, outcome: DiscountOutcome): Promise<void>;
  revert(em: EntityManager, orderId: number): Promise<void>;
}

/** Where contexts plug their discount stages in (call `register` in onModuleInit). */
export class DiscountStageRegistry {
  private readonly stages: DiscountStage[] = [];

  register(stage: DiscountStage): void {
    if (this.stages.some((s) => s.name === stage.name)) throw new Error(`Discount stage "${stage.name}" is registered twice`);
    this.stages.push(stage);
    this.stages.sort((a, b) => a.order - b.order);
  }

  list(): readonly DiscountStage[] {
    return this.stages;
  }
}

import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction-runner';
import { NotFoundError } from '../../../shared/domain/domain-error';
import type { StaffPrincipal } from '../../../shared/http/request-context';
import { Page, pageOf } from '../../../shared/http/pagination';
import { AfterSaleItemEntity, AfterSaleEntity } from '../domain/after-sale.entity';
import { AfterSaleStatus, AfterSaleType } from '../domain/after-sale-status';
import { newRefundNo } from '../domain/order-number';
import { OrderItemEntity } from '../domain/order-item.entity';
import { OrderEntity } from '../domain/order.entity';
import { AfterSaleNotAllowedError, AfterSaleStateInvalidError } from '../domain/ordering.errors';
import { AfterSaleRefundedEvent, AfterSaleRefundRequestedEvent } from '../domain/ordering.events';
import { planItemRefund, planWholeOrderRefund, RefundPlan } from '../domain/refund-calculation';
import { OrderLifecycleService } from './order-lifecycle.service';
import { inScope } from './order-query.service';
import { OrderSettingsService } from './order-settings';
import { InventoryPort } from './ports';

export interface ApplyAfterSale {
  type: AfterSaleType;
  items?: Array<{ orderItemId: number; quantity: number }>;
  reason: string;
}

export interface AfterSaleView {
  id: number;
  orderId: number;
  type: AfterSaleType;
  status: AfterSaleStatus;
  reason: string;
  refundAmount: number;
  refundNo: string | null;
  rejectReason: string | null;
  failureReason: string | null;
  returnCarrier: string | null;
  returnTrackingNo: string | null;
  items: Array<{ orderItemId: number; skuId: number; quantity: number; amount: number }>;
  refundedAt: string | null;
  createdAt: string;
}

/** What the payment context needs to send a refund to WeChat Pay. */
export interface RefundInstruction {
  afterSaleId: number;
  orderId: number;
  orderNo: string;
  refundNo: string;
  amount: number;
  orderPayAmount: number;
  reason: string;
}

const REFUNDABLE_ORDER_STATUSES = ['PAID', 'READY', 'SHIPPED', 'COMPLETED'];
const RETURNABLE_ORDER_STATUSES = ['SHIPPED', 'COMPLETED'];

/**
 * After-sales: a shopper asks for money back on some or all of an order; staff approve, reject or
 * receive the goods; the payment context sends the refund and reports back. Each after-sale
 * claims item units and amounts with conditional updates, so concurrent applications can never
 * claim more than was paid.
 */
@Injectable()
export class AfterSaleService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly dataSource: DataSource,
    private readonly settings: OrderSettingsService,
    private readonly lifecycle: OrderLifecycleService,
    private readonly inventory: InventoryPort,
    private readonly events: EventEmitter2,
  ) {}

  async apply(shopperId: number, orderId: number, input: ApplyAfterSale, now = new Date()): Promise<AfterSaleView> {
    const { afterSaleDays } = await this.settings.get();
    const id = await this.tx.run(async (em) => {
      const order = await em.findOneBy(OrderEntity, { id: orderId, shopperId });
      if (!order) throw new NotFoundError('Order');
      if (!REFUNDABLE_ORDER_STATUSES.includes(order.status)) {
        throw new AfterSaleNotAllowedError(`An order in status ${order.status} cannot get an after-sale`, { status: order.status });
      }
      if (input.type === 'RETURN_AND_REFUND' && !RETURNABLE_ORDER_STATUSES.includes(order.status)) {
        throw new AfterSaleNotAllowedError('Goods that were not shipped cannot be returned; ask for REFUND_ONLY', { status: order.status });
      }
      if (order.status === 'COMPLETED' && order.completedAt && order.completedAt.getTime() + afterSaleDays * 86_400_000 < now.getTime()) {
        throw new AfterSaleNotAllowedError(`The after-sale window of ${afterSaleDays} days after completion has passed`);
      }
      const items = await em.find(OrderItemEntity, { where: { orderId }, order: { id: 'ASC' } });
      const states = items.map((i) => ({ orderItemId: i.id, quantity: i.quantity, payAmount: i.payAmount, claimedQuantity: i.claimedQuantity, claimedAmount: i.claimedAmount }));
      const plan = input.items ? planItemRefund(states, input.items) : planWholeOrderRefund(states, order.freightAmount);
      if ('kind' in plan) throw planError(plan);
      await this.claim(em, items, plan, +1);
      const inserted = await em.insert(AfterSaleEntity, {
        orderId,
        shopperId,
        storeId: order.storeId,
        type: input.type,
        status: 'PENDING',
        wholeOrder: !input.items,
        reason: input.reason,
        refundAmount: plan.amount,
      });
      const afterSaleId = inserted.identifiers[0].id as number;
      await em.insert(
        AfterSaleItemEntity,
        plan.lines.map((l) => ({ afterSaleId, orderItemId: l.orderItemId, skuId: items.find((i) => i.id === l.orderItemId)!.skuId, quantity: l.quantity, amount: l.amount })),
      );
      return afterSaleId;
    });
    return this.view(id);
  }

  async withdraw(shopperId: number, afterSaleId: number): Promise<AfterSaleView> {
    await this.tx.run(async (em) => {
      const afterSale = await em.findOneBy(AfterSaleEntity, { id: afterSaleId, shopperId });
      if (!afterSale) throw new NotFoundError('After-sale');
      await this.move(em, afterSale, 'CANCELLED');
      await this.unclaim(em, afterSale);
    });
    return this.view(afterSaleId);
  }

  async recordReturnShipment(shopperId: number, afterSaleId: number, carrier: string, trackingNo: string): Promise<AfterSaleView> {
    await this.tx.run(async (em) => {
      const afterSale = await em.findOneBy(AfterSaleEntity, { id: afterSaleId, shopperId });
      if (!afterSale) throw new NotFoundError('After-sale');
      if (afterSale.status !== 'AWAITING_RETURN') throw new AfterSaleStateInvalidError(afterSale.status, 'AWAITING_RETURN');
      await em.update(AfterSaleEntity, { id: afterSaleId }, { returnCarrier: carrier, returnTrackingNo: trackingNo });
    });
    return this.view(afterSaleId);
  }

  async approve(principal: StaffPrincipal, afterSaleId: number): Promise<AfterSaleView> {
    const refund = await this.tx.run(async (em) => {
      const afterSale = await this.scoped(em, principal, afterSaleId);
      await this.move(em, afterSale, 'APPROVED');
      if (afterSale.type === 'RETURN_AND_REFUND') {
        await this.move(em, afterSale, 'AWAITING_RETURN');
        return false;
      }
      await this.startRefund(em, afterSale);
      return true;
    });
    if (refund) this.requestRefund(afterSaleId);
    return this.view(afterSaleId);
  }

  async reject(principal: StaffPrincipal, afterSaleId: number, reason: string): Promise<AfterSaleView> {
    await this.tx.run(async (em) => {
      const afterSale = await this.scoped(em, principal, afterSaleId);
      await this.move(em, afterSale, 'REJECTED', { rejectReason: reason });
      await this.unclaim(em, afterSale);
    });
    return this.view(afterSaleId);
  }

  async receive(principal: StaffPrincipal, afterSaleId: number): Promise<AfterSaleView> {
    await this.tx.run(async (em) => {
      const afterSale = await this.scoped(em, principal, afterSaleId);
      if (afterSale.status !== 'AWAITING_RETURN') throw new AfterSaleStateInvalidError(afterSale.status, 'REFUNDING');
      await this.startRefund(em, afterSale);
    });
    this.requestRefund(afterSaleId);
    return this.view(afterSaleId);
  }

  /** Sends a failed refund again. */
  async retryRefund(principal: StaffPrincipal, afterSaleId: number): Promise<AfterSaleView> {
    await this.tx.run(async (em) => {
      const afterSale = await this.scoped(em, principal, afterSaleId);
      await this.move(em, afterSale, 'REFUNDING', { failureReason: null });
    });
    this.requestRefund(afterSaleId);
    return this.view(afterSaleId);
  }

  /** For the payment sweep: after-sales waiting in REFUNDING since before `cutoff` (their refund request may have been lost). */
  async refundingSince(cutoff: Date, limit = 100): Promise<number[]> {
    const rows = await this.dataSource.manager.find(AfterSaleEntity, {
      select: { id: true },
      where: { status: 'REFUNDING', updatedAt: LessThan(cutoff) },
      order: { updatedAt: 'ASC' },
      take: limit,
    });
    return rows.map((r) => r.id);
  }

  /** For the payment context: the refund to send for an after-sale in REFUNDING, or null. */
  async refundInstruction(afterSaleId: number): Promise<RefundInstruction | null> {
    const afterSale = await this.dataSource.manager.findOneBy(AfterSaleEntity, { id: afterSaleId });
    if (!afterSale || afterSale.status !== 'REFUNDING' || !afterSale.refundNo) return null;
    const order = await this.dataSource.manager.findOneByOrFail(OrderEntity, { id: afterSale.orderId });
    return {
      afterSaleId,
      orderId: order.id,
      orderNo: order.orderNo,
      refundNo: afterSale.refundNo,
      amount: afterSale.refundAmount,
      orderPayAmount: order.payAmount,
      reason: afterSale.reason,
    };
  }

  /**
   * The refund went through (inside the payment context's transaction): marks the after-sale
   * REFUNDED once, puts returned (or never shipped) goods back in stock, closes the order when
   * every item is refunded. Returns what to announce after commit, or null when already done.
   */
  async markRefunded(em: EntityManager, afterSaleId: number, at: Date): Promise<{ event: AfterSaleRefundedEvent; orderClosed: boolean } | null> {
    const afterSale = await em.findOneBy(AfterSaleEntity, { id: afterSaleId });
    if (!afterSale || afterSale.status !== 'REFUNDING') return null;
    const moved = await em.update(AfterSaleEntity, { id: afterSaleId, status: 'REFUNDING' }, { status: 'REFUNDED', refundedAt: at });
    if (moved.affected !== 1) return null;
    const lines = await em.findBy(AfterSaleItemEntity, { afterSaleId });
    for (const line of lines) {
      await em
        .createQueryBuilder()
        .update(OrderItemEntity)
        .set({ refundedQuantity: () => `refunded_quantity + ${Number(line.quantity)}`, refundedAmount: () => `refunded_amount + ${Number(line.amount)}` })
        .where('id = :id', { id: line.orderItemId })
        .execute();
    }
    const order = await em.findOneByOrFail(OrderEntity, { id: afterSale.orderId });
    const goodsCameBack = afterSale.type === 'RETURN_AND_REFUND' || order.status === 'PAID' || order.status === 'READY';
    if (goodsCameBack) await this.inventory.restore(em, lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity })), order.id, afterSaleId);
    const orderClosed = await this.lifecycle.closeIfFullyRefunded(em, order.id);
    const event = new AfterSaleRefundedEvent(
      afterSaleId,
      order.id,
      afterSale.shopperId,
      afterSale.refundAmount,
      lines.map((l) => ({ orderItemId: l.orderItemId, skuId: l.skuId, quantity: l.quantity, amount: l.amount })),
    );
    return { event, orderClosed };
  }

  announceRefunded(outcome: { event: AfterSaleRefundedEvent; orderClosed: boolean }): void {
    this.events.emit(AfterSaleRefundedEvent.event, outcome.event);
    if (outcome.orderClosed) this.lifecycle.announceClosed(outcome.event.orderId);
  }

  /** The refund failed at WeChat Pay: visible to staff, who may retry. */
  async markRefundFailed(afterSaleId: number, reason: string): Promise<void> {
    await this.tx.run(async (em) => {
      await em.update(AfterSaleEntity, { id: afterSaleId, status: 'REFUNDING' }, { status: 'REFUND_FAILED', failureReason: reason.slice(0, 255) });
    });
  }

  async shopperView(shopperId: number, afterSaleId: number): Promise<AfterSaleView> {
    const afterSale = await this.dataSource.manager.findOneBy(AfterSaleEntity, { id: afterSaleId, shopperId });
    if (!afterSale) throw new NotFoundError('After-sale');
    return this.view(afterSaleId);
  }

  async staffList(principal: StaffPrincipal, query: { status?: AfterSaleStatus; orderId?: number; page: number; pageSize: number }): Promise<Page<AfterSaleView>> {
    const qb = this.dataSource.manager.createQueryBuilder(AfterSaleEntity, 'a');
    if (!principal.isSuperAdmin && principal.storeIds !== null) {
      if (principal.storeIds.length === 0) return pageOf([], 0, query);
      qb.andWhere('a.storeId IN (:...scope)', { scope: principal.storeIds });
    }
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.orderId) qb.andWhere('a.orderId = :orderId', { orderId: query.orderId });
    const [rows, total] = await qb.orderBy('a.id', 'DESC').skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    const items = rows.length ? await this.dataSource.manager.findBy(AfterSaleItemEntity, { afterSaleId: In(rows.map((r) => r.id)) }) : [];
    return pageOf(rows.map((r) => toView(r, items.filter((i) => i.afterSaleId === r.id))), total, query);
  }

  async staffView(principal: StaffPrincipal, afterSaleId: number): Promise<AfterSaleView> {
    await this.scoped(this.dataSource.manager, principal, afterSaleId);
    return this.view(afterSaleId);
  }

  async view(afterSaleId: number): Promise<AfterSaleView> {
    const afterSale = await this.dataSource.manager.findOneByOrFail(AfterSaleEntity, { id: afterSaleId });
    const items = await this.dataSource.manager.find(AfterSaleItemEntity, { where: { afterSaleId }, order: { id: 'ASC' } });
    return toView(afterSale, items);
  }

  private async scoped(em: EntityManager, principal: StaffPrincipal, afterSaleId: number): Promise<AfterSaleEntity> {
    const afterSale = await em.findOneBy(AfterSaleEntity, { id: afterSaleId });
    if (!afterSale || !inScope(principal, afterSale.storeId)) throw new NotFoundError('After-sale');
    return afterSale;
  }

  private async startRefund(em: EntityManager, afterSale: AfterSaleEntity): Promise<void> {
    await this.move(em, afterSale, 'REFUNDING', { refundNo: afterSale.refundNo ?? newRefundNo(afterSale.id) });
  }

  private requestRefund(afterSaleId: number): void {
    void this.dataSource.manager.findOneBy(AfterSaleEntity, { id: afterSaleId }).then((a) => {
      if (a) this.events.emit(AfterSaleRefundRequestedEvent.event, new AfterSaleRefundRequestedEvent(a.id, a.orderId));
    });
  }

  /** Conditional status change of an after-sale; the loser of a race gets 409. */
  private async move(em: EntityManager, afterSale: AfterSaleEntity, to: AfterSaleStatus, patch: Partial<AfterSaleEntity> = {}): Promise<void> {
    afterSale.assertCanMoveTo(to);
    const result = await em.update(AfterSaleEntity, { id: afterSale.id, status: afterSale.status }, { status: to, ...patch });
    if (result.affected !== 1) throw new AfterSaleStateInvalidError(afterSale.status, to);
    Object.assign(afterSale, { status: to, ...patch });
  }

  private async claim(em: EntityManager, items: OrderItemEntity[], plan: RefundPlan, sign: 1 | -1): Promise<void> {
    for (const line of plan.lines) {
      const item = items.find((i) => i.id === line.orderItemId)!;
      const result = await em
        .createQueryBuilder()
        .update(OrderItemEntity)
        .set({ claimedQuantity: item.claimedQuantity + sign * line.quantity, claimedAmount: item.claimedAmount + sign * line.amount })
        .where('id = :id AND claimed_quantity = :q AND claimed_amount = :a', { id: item.id, q: item.claimedQuantity, a: item.claimedAmount })
        .execute();
      if (result.affected !== 1) throw new AfterSaleNotAllowedError('Another after-sale on this order was just made; try again');
    }
  }

  private async unclaim(em: EntityManager, afterSale: AfterSaleEntity): Promise<void> {
    const lines = await em.findBy(AfterSaleItemEntity, { afterSaleId: afterSale.id });
    for (const line of lines) {
      await em
        .createQueryBuilder()
        .update(OrderItemEntity)
        .set({ claimedQuantity: () => `claimed_quantity - ${Number(line.quantity)}`, claimedAmount: () => `claimed_amount - ${Number(line.amount)}` })
        .where('id = :id', { id: line.orderItemId })
        .execute();
    }
  }
}

function planError(error: { kind: string; orderItemId?: number; remaining?: number }): AfterSaleNotAllowedError {
  switch (error.kind) {
    case 'UNKNOWN_ITEM':
      return new AfterSaleNotAllowedError(`Order item ${error.orderItemId} is not part of this order`, error);
    case 'QUANTITY_EXCEEDED':
      return new AfterSaleNotAllowedError(`Only ${error.remaining} unit(s) of item ${error.orderItemId} can still be refunded`, error);
    case 'DUPLICATE_ITEM':
      return new AfterSaleNotAllowedError(`Order item ${error.orderItemId} is listed twice`, error);
    default:
      return new AfterSaleNotAllowedError('Nothing is left to refund on this order', error);
  }
}

function toView(a: AfterSaleEntity, items: AfterSaleItemEntity[]): AfterSaleView {
  return {
    id: a.id,
    orderId: a.orderId,
    type: a.type,
    status: a.status,
    reason: a.reason,
    refundAmount: a.refundAmount,
    refundNo: a.refundNo,
    rejectReason: a.rejectReason,
    failureReason: a.failureReason,
    returnCarrier: a.returnCarrier,
    returnTrackingNo: a.returnTrackingNo,
    items: items.map((i) => ({ orderItemId: i.orderItemId, skuId: i.skuId, quantity: i.quantity, amount: i.amount })),
    refundedAt: a.refundedAt ? a.refundedAt.toISOString() : null,
    createdAt: a.createdAt.toISOString(),
  };
}

import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { EntityManager } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction-runner';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { JobQueue } from '../../../shared/jobs/job-queue';
import { OrderItemEntity } from '../domain/order-item.entity';
import { OrderEntity } from '../domain/order.entity';
import { PickupCodeMismatchError } from '../domain/ordering.errors';
import { OrderCancelledEvent, OrderClosedEvent, OrderCompletedEvent, OrderPaidEvent, OrderShippedEvent } from '../domain/ordering.events';
import { ORDER_JOBS } from './order-jobs';
import { OrderingHooks } from './ordering-hooks';
import { OrderSettingsService } from './order-settings';
import { Actor, OrderTransitions } from './order-transitions';
import { InventoryPort } from './ports';
import { DiscountStageRegistry } from './pricing-stages';
import { ShippingUploadService } from './shipping-upload.service';

/** Every status change after placing: pay, cancel, ship, ready, pickup, confirm, close. */
@Injectable()
export class OrderLifecycleService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly transitions: OrderTransitions,
    private readonly inventory: InventoryPort,
    private readonly stages: DiscountStageRegistry,
    private readonly settings: OrderSettingsService,
    private readonly jobs: JobQueue,
    private readonly events: EventEmitter2,
    private readonly hooks: OrderingHooks,
    private readonly shippingUploads: ShippingUploadService,
  ) {}

  /** Cancels an unpaid order and gives its stock (and coupon, points) back. */
  async cancel(orderId: number, actor: Actor, reason: string, guard?: (order: OrderEntity) => void): Promise<OrderEntity> {
    const order = await this.tx.run(async (em) => {
      const current = await this.transitions.load(em, orderId);
      guard?.(current);
      const moved = await this.transitions.move(em, current, 'CANCELLED', actor, reason, { cancelReason: reason.slice(0, 200) });
      await this.inventory.release(em, await this.stockLines(em, orderId), orderId);
      for (const stage of this.stages.list()) await stage.revert(em, orderId);
      return moved;
    });
    this.events.emit(OrderCancelledEvent.event, new OrderCancelledEvent(order.id, order.orderNo, reason));
    return order;
  }

  /**
   * Marks an unpaid order paid, inside the payment context's transaction. Returns false (and
   * changes nothing) when the order is no longer waiting for payment.
   */
  async markPaid(em: EntityManager, orderId: number, paidAt: Date): Promise<{ paid: boolean; order: OrderEntity }> {
    const order = await this.transitions.load(em, orderId);
    if (order.status !== 'PENDING_PAYMENT') return { paid: false, order };
    await this.transitions.move(em, order, 'PAID', 'system', 'payment confirmed by WeChat Pay', {}, paidAt);
    return { paid: true, order };
  }

  /** To be called after the payment transaction commits. */
  announcePaid(order: OrderEntity): void {
    this.events.emit(OrderPaidEvent.event, new OrderPaidEvent(order.id, order.shopperId, order.payAmount));
  }

  async ship(orderId: number, actor: Actor, carrier: string, trackingNo: string | null, guard?: (order: OrderEntity) => void): Promise<OrderEntity> {
    const order = await this.tx.run(async (em) => {
      const current = await this.transitions.load(em, orderId);
      guard?.(current);
      const moved = await this.transitions.move(em, current, 'SHIPPED', actor, `shipped by ${carrier}${trackingNo ? ` ${trackingNo}` : ''}`, { carrier, trackingNo });
      await this.shippingUploads.recordPending(em, moved);
      return moved;
    });
    await this.shippingUploads.enqueue(orderId);
    const settings = await this.settings.get();
    await this.jobs.enqueue(ORDER_JOBS.autoConfirm, { orderId }, { jobId: `order-auto-confirm:${orderId}`, delayMs: settings.autoConfirmDays * 86_400_000 + 1000 });
    this.events.emit(OrderShippedEvent.event, new OrderShippedEvent(orderId));
    return order;
  }

  async markReady(orderId: number, actor: Actor, guard?: (order: OrderEntity) => void): Promise<OrderEntity> {
    return this.tx.run(async (em) => {
      const current = await this.transitions.load(em, orderId);
      guard?.(current);
      return this.transitions.move(em, current, 'READY', actor, 'prepared for the shopper');
    });
  }

  async verifyPickup(orderId: number, actor: Actor, pickupCode: string, guard?: (order: OrderEntity) => void): Promise<OrderEntity> {
    const order = await this.tx.run(async (em) => {
      const current = await this.transitions.load(em, orderId);
      guard?.(current);
      current.assertCanMoveTo('COMPLETED');
      if (current.pickupCode !== pickupCode) throw new PickupCodeMismatchError();
      const moved = await this.transitions.move(em, current, 'COMPLETED', actor, 'pickup code verified');
      await this.shippingUploads.recordPending(em, moved);
      return moved;
    });
    await this.shippingUploads.enqueue(orderId);
    this.events.emit(OrderCompletedEvent.event, new OrderCompletedEvent(order.id, order.shopperId));
    return order;
  }

  async confirmReceipt(orderId: number, actor: Actor, reason: string, guard?: (order: OrderEntity) => void): Promise<OrderEntity> {
    const order = await this.tx.run(async (em) => {
      const current = await this.transitions.load(em, orderId);
      guard?.(current);
      return this.transitions.move(em, current, 'COMPLETED', actor, reason);
    });
    this.events.emit(OrderCompletedEvent.event, new OrderCompletedEvent(order.id, order.shopperId));
    return order;
  }

  /** Closes an order whose every item has been refunded (inside the refund's transaction). */
  async closeIfFullyRefunded(em: EntityManager, orderId: number): Promise<boolean> {
    const items = await em.findBy(OrderItemEntity, { orderId });
    if (!items.every((i) => i.refundedQuantity >= i.quantity)) return false;
    const order = await this.transitions.load(em, orderId);
    if (order.status === 'CLOSED') return false;
    await this.transitions.move(em, order, 'CLOSED', 'system', 'every item refunded');
    return true;
  }

  announceClosed(orderId: number): void {
    this.events.emit(OrderClosedEvent.event, new OrderClosedEvent(orderId));
  }

  /** The pay-timeout job: cancels the order if it is still unpaid once it has expired. */
  async expire(orderId: number, now = new Date()): Promise<'cancelled' | 'paid' | 'not-due' | 'nothing'> {
    const order = await this.tx.run((em) => em.findOneBy(OrderEntity, { id: orderId }));
    if (!order || order.status !== 'PENDING_PAYMENT') return 'nothing';
    if (order.expiresAt.getTime() > now.getTime()) return 'not-due';
    if (this.hooks.paymentProbe && (await this.hooks.paymentProbe.settleBeforeCancel(orderId))) return 'paid';
    try {
      await this.cancel(orderId, 'system', 'payment timed out');
      return 'cancelled';
    } catch (error) {
      if ((error as { code?: string }).code === 'ORDER_STATE_INVALID') return 'nothing';
      throw error;
    }
  }

  /** The auto-confirm job: completes a shipped order once `autoConfirmDays` have passed. */
  async autoConfirm(orderId: number, now = new Date()): Promise<boolean> {
    const order = await this.tx.run((em) => em.findOneBy(OrderEntity, { id: orderId }));
    if (!order || order.status !== 'SHIPPED' || !order.shippedAt) return false;
    const settings = await this.settings.get();
    if (order.shippedAt.getTime() + settings.autoConfirmDays * 86_400_000 > now.getTime()) return false;
    try {
      await this.confirmReceipt(orderId, 'system', `confirmed automatically after ${settings.autoConfirmDays} days`);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === 'ORDER_STATE_INVALID') return false;
      throw error;
    }
  }

  private async stockLines(em: EntityManager, orderId: number) {
    const items = await em.findBy(OrderItemEntity, { orderId });
    if (items.length === 0) throw new NotFoundError('Order items');
    return items.map((i) => ({ skuId: i.skuId, quantity: i.quantity }));
  }
}

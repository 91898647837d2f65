import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, LessThan } from 'typeorm';
import { PaymentChange, PaymentEntity } from '../domain/payment.entity';

/** Every query of pay attempts (the `payment` table). */
@Injectable()
export class PaymentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The order's latest PENDING attempt: its open claim (or one recorded before claims existed). */
  openAttemptOf(orderId: number, em: EntityManager = this.dataSource.manager): Promise<PaymentEntity | null> {
    return em.findOne(PaymentEntity, { where: { orderId, status: 'PENDING' }, order: { id: 'DESC' } });
  }

  /** Inserts a claim; fails with a unique violation when the order already has an open attempt. */
  async insertClaim(data: ReturnType<typeof PaymentEntity.claim>, em: EntityManager): Promise<number> {
    const inserted = await em.insert(PaymentEntity, data);
    return inserted.identifiers[0].id as number;
  }

  /** Fills the claim's prepay_id; false when the claim is gone (taken over as stale). */
  async recordPrepay(paymentId: number, prepayId: string, em: EntityManager): Promise<boolean> {
    const result = await em.update(PaymentEntity, { id: paymentId, prepayId: IsNull() }, { prepayId });
    return result.affected === 1;
  }

  /** Drops a claim whose prepay failed, so the next pay request may try again. */
  async releaseClaim(paymentId: number, em: EntityManager): Promise<void> {
    await em.delete(PaymentEntity, { id: paymentId, prepayId: IsNull() });
  }

  /** Drops the order's claim when its prepay has been in flight since before `staleBefore` (its process died). */
  async dropStaleClaim(orderId: number, staleBefore: Date, em: EntityManager): Promise<boolean> {
    const result = await em.delete(PaymentEntity, { pendingOrderId: orderId, prepayId: IsNull(), updatedAt: LessThan(staleBefore) });
    return (result.affected ?? 0) > 0;
  }

  byTransactionId(transactionId: string, em: EntityManager = this.dataSource.manager): Promise<PaymentEntity | null> {
    return em.findOneBy(PaymentEntity, { transactionId });
  }

  /** The attempt a confirmed payment belongs to: the order's latest one not paid yet. */
  latestUnpaidOf(orderId: number, em: EntityManager): Promise<PaymentEntity | null> {
    return em.findOne(PaymentEntity, { where: { orderId, status: In(['PENDING', 'CLOSED']) }, order: { id: 'DESC' } });
  }

  /** The attempt that paid the order (the first, should there be more). */
  paidOf(orderId: number, em: EntityManager = this.dataSource.manager): Promise<PaymentEntity | null> {
    return em.findOne(PaymentEntity, { where: { orderId, status: 'PAID' }, order: { id: 'ASC' } });
  }

  async insertConfirmed(data: ReturnType<typeof PaymentEntity.confirmedWithoutAttempt>, em: EntityManager): Promise<void> {
    await em.insert(PaymentEntity, data);
  }

  /** Applies an intent's change as one conditional update; false when the attempt had moved meanwhile. */
  async apply(change: PaymentChange, em: EntityManager): Promise<boolean> {
    const result = await em.update(PaymentEntity, { id: change.id, status: In(change.from) }, { status: change.to, ...change.set });
    return result.affected === 1;
  }

  pendingOf(orderId: number, em: EntityManager = this.dataSource.manager): Promise<PaymentEntity[]> {
    return em.find(PaymentEntity, { where: { orderId, status: 'PENDING' }, order: { id: 'ASC' } });
  }

  countOf(orderId: number, em: EntityManager = this.dataSource.manager): Promise<number> {
    return em.countBy(PaymentEntity, { orderId });
  }

  listOf(orderId: number, em: EntityManager = this.dataSource.manager): Promise<PaymentEntity[]> {
    return em.find(PaymentEntity, { where: { orderId }, order: { id: 'ASC' } });
  }

  /** Orders with an attempt still PENDING since before `before` (a callback that never came). */
  async ordersWaitingSince(before: Date, limit: number, em: EntityManager = this.dataSource.manager): Promise<number[]> {
    const rows = await em.find(PaymentEntity, { select: { orderId: true }, where: { status: 'PENDING', createdAt: LessThan(before) }, take: limit });
    return [...new Set(rows.map((p) => p.orderId))];
  }
}

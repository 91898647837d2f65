import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import { OPEN_REFUND_STATUSES } from '../domain/refund-status';
import { RefundChange, RefundEntity } from '../domain/refund.entity';

/** Every query of refunds (the `payment_refund` table). */
@Injectable()
export class RefundRepository {
  constructor(private readonly dataSource: DataSource) {}

  byId(id: number, em: EntityManager = this.dataSource.manager): Promise<RefundEntity | null> {
    return em.findOneBy(RefundEntity, { id });
  }

  byOutRefundNo(outRefundNo: string, em: EntityManager = this.dataSource.manager): Promise<RefundEntity | null> {
    return em.findOneBy(RefundEntity, { outRefundNo });
  }

  /** Inserts a refund; fails with a unique violation when its out_refund_no is taken. */
  async insert(data: ReturnType<typeof RefundEntity.request>, em: EntityManager): Promise<RefundEntity> {
    const inserted = await em.insert(RefundEntity, data);
    return em.findOneByOrFail(RefundEntity, { id: inserted.identifiers[0].id as number });
  }

  /** Applies an intent's change as one conditional update; false when the refund had moved meanwhile. */
  async apply(change: RefundChange, em: EntityManager): Promise<boolean> {
    const result = await em.update(RefundEntity, { id: change.id, status: In(change.from) }, { status: change.to, ...change.set });
    return result.affected === 1;
  }

  /** Which of these after-sales already have a refund row. */
  async afterSalesWithRefund(afterSaleIds: number[], em: EntityManager = this.dataSource.manager): Promise<Set<number>> {
    if (afterSaleIds.length === 0) return new Set();
    const rows = await em.find(RefundEntity, { select: { afterSaleId: true }, where: { afterSaleId: In(afterSaleIds) } });
    return new Set(rows.map((r) => r.afterSaleId).filter((id): id is number => id !== null));
  }

  /** Refunds not sent or not finished, untouched since before `before`. */
  openSince(before: Date, limit: number, em: EntityManager = this.dataSource.manager): Promise<RefundEntity[]> {
    return em.find(RefundEntity, { where: { status: In([...OPEN_REFUND_STATUSES]), updatedAt: LessThan(before) }, take: limit });
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { OrderLogEntity } from '../domain/order-log.entity';
import { OrderStatus } from '../domain/order-status';
import { OrderEntity, STATUS_TIMESTAMP } from '../domain/order.entity';
import { OrderChangedConcurrentlyError } from '../domain/ordering.errors';

export type Actor = `shopper:${number}` | `staff:${number}` | 'system';

/**
 * The only way an order changes status: the entity checks the state table, then one conditional
 * UPDATE (`WHERE id = ? AND status = <expected>`) makes it happen exactly once even when two
 * requests race, and an order-log row records it. The loser gets 409 ORDER_STATE_INVALID.
 */
@Injectable()
export class OrderTransitions {
  async load(em: EntityManager, orderId: number): Promise<OrderEntity> {
    const order = await em.findOneBy(OrderEntity, { id: orderId });
    if (!order) throw new NotFoundError('Order');
    return order;
  }

  async move(
    em: EntityManager,
    order: OrderEntity,
    to: OrderStatus,
    actor: Actor,
    reason = '',
    patch: Partial<Pick<OrderEntity, 'carrier' | 'trackingNo' | 'cancelReason'>> = {},
    at = new Date(),
  ): Promise<OrderEntity> {
    order.assertCanMoveTo(to);
    const from = order.status;
    const stamp = STATUS_TIMESTAMP[to];
    const changes: Record<string, unknown> = { status: to, ...patch };
    if (stamp) changes[stamp] = at;
    const result = await em
      .createQueryBuilder()
      .update(OrderEntity)
      .set(changes)
      .where('id = :id AND status = :from', { id: order.id, from })
      .execute();
    if (result.affected !== 1) throw new OrderChangedConcurrentlyError(from);
    await em.insert(OrderLogEntity, { orderId: order.id, fromStatus: from, toStatus: to, actor, reason: reason.slice(0, 255) });
    Object.assign(order, changes);
    return order;
  }
}

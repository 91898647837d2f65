import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { NotFoundError } from '../../../shared/domain/domain-error';
import type { StaffPrincipal } from '../../../shared/http/request-context';
import { Page, pageOf } from '../../../shared/http/pagination';
import type { AdminOrderDetailDto, OrderDto, OrderItemDto } from '../api/dto/order.dto';
import { OrderItemEntity } from '../domain/order-item.entity';
import { OrderLogEntity } from '../domain/order-log.entity';
import { OrderStatus } from '../domain/order-status';
import { OrderEntity } from '../domain/order.entity';
import { OrderingHooks } from './ordering-hooks';
import { ShippingUploadService } from './shipping-upload.service';

export interface AdminOrderFilter {
  status?: OrderStatus;
  storeId?: number;
  orderNo?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toItemDto(i: OrderItemEntity): OrderItemDto {
  return { id: i.id, skuId: i.skuId, productId: i.productId, name: i.name, specValues: i.specValues, image: i.image, price: i.price, quantity: i.quantity, payAmount: i.payAmount };
}

export function toOrderDto(o: OrderEntity, items: OrderItemEntity[]): OrderDto {
  return {
    id: o.id,
    orderNo: o.orderNo,
    status: o.status,
    deliveryType: o.deliveryType,
    storeId: o.storeId,
    items: items.map(toItemDto),
    totalAmount: o.totalAmount,
    discountAmount: o.discountAmount,
    couponAmount: o.couponAmount,
    pointsAmount: o.pointsAmount,
    freightAmount: o.freightAmount,
    payAmount: o.payAmount,
    address: o.address,
    pickupCode: o.pickupCode,
    remark: o.remark,
    carrier: o.carrier,
    trackingNo: o.trackingNo,
    expiresAt: o.expiresAt.toISOString(),
    paidAt: iso(o.paidAt),
    shippedAt: iso(o.shippedAt),
    completedAt: iso(o.completedAt),
    cancelledAt: iso(o.cancelledAt),
    createdAt: o.createdAt.toISOString(),
  };
}

/** Read side of orders: the shopper's own, and staff views within their store scope. */
@Injectable()
export class OrderQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hooks: OrderingHooks,
    private readonly shippingUploads: ShippingUploadService,
  ) {}

  /** The shopper's own order; anybody else's is 404. */
  async ownOrder(shopperId: number, orderId: number): Promise<OrderEntity> {
    const order = await this.dataSource.manager.findOneBy(OrderEntity, { id: orderId, shopperId });
    if (!order) throw new NotFoundError('Order');
    return order;
  }

  /** An order by id, for other contexts' system reads (payment sync and jobs); null when there is none. */
  async byId(orderId: number): Promise<OrderEntity | null> {
    return this.dataSource.manager.findOneBy(OrderEntity, { id: orderId });
  }

  async byOrderNo(orderNo: string): Promise<OrderEntity | null> {
    return this.dataSource.manager.findOneBy(OrderEntity, { orderNo });
  }

  /** An order the staff account may see; outside its stores it is 404. */
  async scopedOrder(principal: StaffPrincipal, orderId: number): Promise<OrderEntity> {
    const order = await this.dataSource.manager.findOneBy(OrderEntity, { id: orderId });
    if (!order || !inScope(principal, order.storeId)) throw new NotFoundError('Order');
    return order;
  }

  async withItems(order: OrderEntity): Promise<OrderDto> {
    const items = await this.dataSource.manager.find(OrderItemEntity, { where: { orderId: order.id }, order: { id: 'ASC' } });
    return toOrderDto(order, items);
  }

  async shopperOrders(shopperId: number, query: { status?: OrderStatus; page: number; pageSize: number }): Promise<Page<OrderDto>> {
    const [orders, total] = await this.dataSource.manager.findAndCount(OrderEntity, {
      where: { shopperId, ...(query.status ? { status: query.status } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return pageOf(await this.attachItems(orders), total, query);
  }

  async staffOrders(principal: StaffPrincipal, filter: AdminOrderFilter): Promise<Page<OrderDto>> {
    const qb = this.dataSource.manager.createQueryBuilder(OrderEntity, 'o');
    if (principal.storeIds !== null && !principal.isSuperAdmin) {
      if (principal.storeIds.length === 0) return pageOf([], 0, filter);
      qb.andWhere('o.storeId IN (:...scope)', { scope: principal.storeIds });
    }
    if (filter.status) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter.storeId) qb.andWhere('o.storeId = :storeId', { storeId: filter.storeId });
    if (filter.orderNo) qb.andWhere('o.orderNo = :orderNo', { orderNo: filter.orderNo });
    if (filter.from) qb.andWhere('o.createdAt >= :from', { from: new Date(filter.from) });
    if (filter.to) qb.andWhere('o.createdAt < :to', { to: new Date(filter.to) });
    const [orders, total] = await qb
      .orderBy('o.createdAt', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return pageOf(await this.attachItems(orders), total, filter);
  }

  async staffDetail(order: OrderEntity): Promise<AdminOrderDetailDto> {
    const [dto, logs, payments, shippingUpload] = await Promise.all([
      this.withItems(order),
      this.dataSource.manager.find(OrderLogEntity, { where: { orderId: order.id }, order: { id: 'ASC' } }),
      this.hooks.paymentHistory ? this.hooks.paymentHistory.paymentsOf(order.id) : Promise.resolve([]),
      this.shippingUploads.viewOf(order.id),
    ]);
    return {
      ...dto,
      shopperId: order.shopperId,
      logs: logs.map((l) => ({ fromStatus: l.fromStatus, toStatus: l.toStatus, actor: l.actor, reason: l.reason, createdAt: l.createdAt.toISOString() })),
      payments,
      shippingUpload,
    };
  }

  private async attachItems(orders: OrderEntity[]): Promise<OrderDto[]> {
    if (orders.length === 0) return [];
    const items = await this.dataSource.manager.find(OrderItemEntity, { where: { orderId: In(orders.map((o) => o.id)) }, order: { id: 'ASC' } });
    return orders.map((o) => toOrderDto(o, items.filter((i) => i.orderId === o.id)));
  }
}

export function inScope(principal: StaffPrincipal, storeId: number | null): boolean {
  if (principal.isSuperAdmin || principal.storeIds === null) return true;
  return storeId !== null && principal.storeIds.includes(storeId);
}

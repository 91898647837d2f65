import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, JsonColumn, MoneyColumn, TimestampColumn, UpdatedAtColumn } from '../../../database/columns';
import { DeliveryType, OrderStatus, orderStates, transitionFitsDelivery } from './order-status';
import { OrderStateInvalidError } from './ordering.errors';

/** The delivery address as it was when the order was placed. */
export interface AddressSnapshot {
  receiverName: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  latitude: number | null;
  longitude: number | null;
}

/** Timestamp column set when the order enters a status. */
export const STATUS_TIMESTAMP: Partial<Record<OrderStatus, 'paidAt' | 'shippedAt' | 'completedAt' | 'cancelledAt' | 'closedAt' | 'readyAt'>> = {
  PAID: 'paidAt',
  READY: 'readyAt',
  SHIPPED: 'shippedAt',
  COMPLETED: 'completedAt',
  CANCELLED: 'cancelledAt',
  CLOSED: 'closedAt',
};

@Entity('shop_order')
@Index(['shopperId', 'createdAt'])
@Index(['status', 'expiresAt'])
@Index(['storeId', 'createdAt'])
@Index(['status', 'shippedAt'])
export class OrderEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  orderNo: string;

  @Column({ type: 'int' })
  shopperId: number;

  @Column({ type: 'int', nullable: true })
  storeId: number | null;

  @Column({ type: 'varchar', length: 20 })
  status: OrderStatus;

  @Column({ type: 'varchar', length: 20 })
  deliveryType: DeliveryType;

  @MoneyColumn() totalAmount: number;
  @MoneyColumn() discountAmount: number;
  @MoneyColumn() couponAmount: number;
  @MoneyColumn() pointsAmount: number;
  @MoneyColumn() freightAmount: number;
  @MoneyColumn() payAmount: number;

  @Column({ type: 'int', nullable: true })
  couponId: number | null;

  @Column({ type: 'int', default: 0 })
  pointsUsed: number;

  @JsonColumn({ nullable: true })
  address: AddressSnapshot | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  pickupCode: string | null;

  @Column({ type: 'varchar', length: 200, default: '' })
  remark: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  carrier: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  trackingNo: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  cancelReason: string | null;

  @TimestampColumn()
  expiresAt: Date;

  @TimestampColumn({ nullable: true }) paidAt: Date | null;
  @TimestampColumn({ nullable: true }) readyAt: Date | null;
  @TimestampColumn({ nullable: true }) shippedAt: Date | null;
  @TimestampColumn({ nullable: true }) completedAt: Date | null;
  @TimestampColumn({ nullable: true }) cancelledAt: Date | null;
  @TimestampColumn({ nullable: true }) closedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  /** Refuses any move the state table (and the delivery type) does not allow. */
  assertCanMoveTo(to: OrderStatus): void {
    if (!orderStates.can(this.status, to) || !transitionFitsDelivery(this.status, to, this.deliveryType)) {
      throw new OrderStateInvalidError(this.status, to);
    }
  }
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, MoneyColumn, TimestampColumn, UpdatedAtColumn } from '../../../database/columns';
import { AfterSaleStatus, afterSaleStates, AfterSaleType } from './after-sale-status';
import { AfterSaleStateInvalidError } from './ordering.errors';

/** A shopper's request for a refund (with or without returning goods) on part or all of an order. */
@Entity('after_sale')
@Index(['status', 'updatedAt'])
export class AfterSaleEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'int' })
  orderId: number;

  @Index()
  @Column({ type: 'int' })
  shopperId: number;

  @Column({ type: 'int', nullable: true })
  storeId: number | null;

  @Column({ type: 'varchar', length: 20 })
  type: AfterSaleType;

  @Column({ type: 'varchar', length: 20 })
  status: AfterSaleStatus;

  /** true: the whole order (freight included when nothing was refunded before). */
  @Column({ type: 'boolean', default: false })
  wholeOrder: boolean;

  @Column({ type: 'varchar', length: 255 })
  reason: string;

  @MoneyColumn()
  refundAmount: number;

  /** WeChat Pay out_refund_no; set when the refund is first requested, kept across retries. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  refundNo: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  rejectReason: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  failureReason: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  returnCarrier: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  returnTrackingNo: string | null;

  @TimestampColumn({ nullable: true })
  refundedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  assertCanMoveTo(to: AfterSaleStatus): void {
    if (!afterSaleStates.can(this.status, to)) throw new AfterSaleStateInvalidError(this.status, to);
  }
}

/** Which item units an after-sale covers and the amount refunded for them. */
@Entity('after_sale_item')
export class AfterSaleItemEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'int' })
  afterSaleId: number;

  @Column({ type: 'int' })
  orderItemId: number;

  @Column({ type: 'int' })
  skuId: number;

  @Column({ type: 'int' })
  quantity: number;

  @MoneyColumn()
  amount: number;
}

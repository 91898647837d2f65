import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn } from '../../../database/columns';

import type { ShippingUploadStatus } from './shipping-upload-status';

export { SHIPPING_UPLOAD_STATUSES } from './shipping-upload-status';
export type { ShippingUploadStatus } from './shipping-upload-status';

/**
 * The shipping information of an order that WeChat must receive before it releases the
 * mini-program's funds (发货信息管理). One row per order, created in the same transaction that
 * ships (or completes at the counter) the order, so the upload can never be forgotten: a job sends
 * it, retried with backoff, and a sweep picks up what the queue lost. UPLOADED is final: an
 * accepted upload is never sent again.
 */
@Entity('order_shipping_upload')
@Index(['status', 'updatedAt'])
export class ShippingUploadEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'int' })
  orderId: number;

  /** WeChat's logistics_type: 1 express, 2 local delivery, 3 virtual, 4 self-pickup. */
  @Column({ type: 'int' })
  logisticsType: number;

  @Column({ type: 'varchar', length: 12 })
  status: ShippingUploadStatus;

  /** How many times the information was sent to WeChat. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'varchar', length: 255, nullable: true })
  lastError: string | null;

  /** A sender holds the row until then, so two runners never send it at the same time. */
  @TimestampColumn({ nullable: true })
  lockedUntil: Date | null;

  @TimestampColumn({ nullable: true })
  uploadedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

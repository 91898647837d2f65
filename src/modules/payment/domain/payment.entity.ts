import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, MoneyColumn, TimestampColumn, UpdatedAtColumn } from '../../../database/columns';

export const PAYMENT_STATUSES = ['PENDING', 'PAID', 'CLOSED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * One pay attempt of an order (a JSAPI prepay). WeChat Pay knows the order by its orderNo
 * (out_trade_no); the attempt that WeChat confirms becomes PAID with its transaction id, which is
 * unique, so the same payment can never be recorded twice.
 */
@Entity('payment')
@Index(['status', 'createdAt'])
export class PaymentEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'int' })
  orderId: number;

  @Column({ type: 'varchar', length: 32 })
  outTradeNo: string;

  @Column({ type: 'varchar', length: 12 })
  status: PaymentStatus;

  @MoneyColumn()
  amount: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  prepayId: string | null;

  /** WeChat Pay accepts payment for this prepay until then (the order's expiresAt). */
  @TimestampColumn({ nullable: true })
  prepayExpiresAt: Date | null;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32, nullable: true })
  transactionId: string | null;

  @TimestampColumn({ nullable: true })
  paidAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

export const REFUND_STATUSES = ['PENDING', 'PROCESSING', 'SUCCESS', 'FAILED'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * A refund sent to WeChat Pay: for an after-sale, or automatic for money that arrived after its
 * order was cancelled. out_refund_no is unique, so a refund is requested once whatever retries.
 */
@Entity('payment_refund')
@Index(['status', 'updatedAt'])
export class RefundEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'int' })
  orderId: number;

  @Column({ type: 'int', nullable: true })
  afterSaleId: number | null;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  outRefundNo: string;

  @Column({ type: 'varchar', length: 32 })
  outTradeNo: string;

  @MoneyColumn()
  amount: number;

  @MoneyColumn()
  totalAmount: number;

  @Column({ type: 'varchar', length: 12 })
  status: RefundStatus;

  @Column({ type: 'varchar', length: 80 })
  reason: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  refundId: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  failureReason: string | null;

  @TimestampColumn({ nullable: true })
  succeededAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

/**
 * A genuine (signed) payment notification that did not match its order — wrong amount, mchid,
 * appid or an unknown out_trade_no. Acknowledged to WeChat, never applied, kept for staff.
 */
@Entity('payment_anomaly')
export class PaymentAnomalyEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 32 })
  outTradeNo: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  transactionId: string | null;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'varchar', length: 500 })
  detail: string;

  @CreatedAtColumn()
  createdAt: Date;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, MoneyColumn, TimestampColumn, UpdatedAtColumn } from '../../../database/columns';
import { RefundStateInvalidError } from './payment.errors';
import { OPEN_REFUND_STATUSES, RefundStatus, refundStates } from './refund-status';
import { StatusChange, statusChange } from '../../../shared/domain/status-change';

export type { RefundStatus } from './refund-status';

export type RefundChange = StatusChange<RefundStatus, Partial<Pick<RefundEntity, 'refundId' | 'succeededAt' | 'failureReason'>>>;

export type RefundRequest = Pick<RefundEntity, 'orderId' | 'afterSaleId' | 'outRefundNo' | 'outTradeNo' | 'amount' | 'totalAmount' | 'reason'> & {
  transactionId?: string | null;
};

/**
 * A refund sent to WeChat Pay: for an after-sale, or automatic for money that must go back (it
 * arrived after its order was cancelled, or paid an order a second time). out_refund_no is
 * unique, so a refund is requested once whatever retries. An automatic refund names the
 * transaction it returns; an after-sale's refunds the order's payment (by out_trade_no).
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

  /** The WeChat Pay transaction refunded; null: the order's payment, found by out_trade_no. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  transactionId: string | null;

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

  /** out_refund_no of the automatic refund of a transaction (a late or a second payment): one per transaction. */
  static automaticRefundNo(transactionId: string): string {
    return `AR${transactionId}`.slice(0, 64);
  }

  /** A new refund, not sent yet. */
  static request(data: RefundRequest): RefundRequest & Pick<RefundEntity, 'status' | 'transactionId'> {
    return { ...data, transactionId: data.transactionId ?? null, reason: data.reason.slice(0, 80), status: 'PENDING' };
  }

  /** WeChat Pay has its final word on this refund already. */
  get settled(): boolean {
    return !OPEN_REFUND_STATUSES.includes(this.status);
  }

  /** WeChat Pay accepted the refund and is working on it; null when it already was. */
  markProcessing(refundId: string): RefundChange | null {
    if (this.status === 'PROCESSING') return null;
    return this.change('PROCESSING', { refundId });
  }

  succeed(refundId: string, at: Date): RefundChange {
    return this.change('SUCCESS', { refundId, succeededAt: at });
  }

  fail(reason: string): RefundChange {
    return this.change('FAILED', { failureReason: reason.slice(0, 255) });
  }

  /** A failed refund asked for again (same out_refund_no, so WeChat Pay never pays it twice). */
  retry(): RefundChange {
    return this.change('PENDING', { failureReason: null });
  }

  private change(to: RefundStatus, set: RefundChange['set']): RefundChange {
    return statusChange(refundStates, this, to, set, (from, target) => new RefundStateInvalidError(from, target));
  }
}

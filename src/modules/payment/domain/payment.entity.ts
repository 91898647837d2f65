import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, MoneyColumn, TimestampColumn, UpdatedAtColumn } from '../../../database/columns';
import { PaymentStateInvalidError } from './payment.errors';
import { PaymentStatus, paymentStates } from './payment-status';
import { StatusChange, statusChange } from '../../../shared/domain/status-change';

export type { PaymentStatus } from './payment-status';

/** What the payment context needs to know of an order (ordering's read of it). */
export interface PayableOrder {
  id: number;
  orderNo: string;
  payAmount: number;
  expiresAt: Date;
}

export type PaymentChange = StatusChange<PaymentStatus, Partial<Pick<PaymentEntity, 'transactionId' | 'paidAt' | 'pendingOrderId'>>>;

/**
 * One pay attempt of an order (a JSAPI prepay). WeChat Pay knows the order by its orderNo
 * (out_trade_no); the attempt that WeChat confirms becomes PAID with its transaction id, which is
 * unique, so the same payment can never be recorded twice.
 *
 * An order has at most one open attempt: `pendingOrderId` holds the order id while the attempt
 * is PENDING (null once PAID or CLOSED) under a unique index, so of many pay requests at once,
 * across processes, exactly one claims the attempt and asks WeChat Pay for a prepay; the others
 * wait for its prepay_id.
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

  /** Null while the claim's prepay request is in flight. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  prepayId: string | null;

  /** WeChat Pay accepts payment for this prepay until then (the order's expiresAt). */
  @TimestampColumn({ nullable: true })
  prepayExpiresAt: Date | null;

  /** The order id while this attempt is open (PENDING), else null; unique: one open attempt per order. */
  @Index({ unique: true })
  @Column({ type: 'int', nullable: true })
  pendingOrderId: number | null;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32, nullable: true })
  transactionId: string | null;

  @TimestampColumn({ nullable: true })
  paidAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  /** The order's open attempt, claimed before its prepay is asked for. */
  static claim(order: PayableOrder): Pick<PaymentEntity, 'orderId' | 'outTradeNo' | 'status' | 'amount' | 'prepayId' | 'prepayExpiresAt' | 'pendingOrderId'> {
    return { orderId: order.id, outTradeNo: order.orderNo, status: 'PENDING', amount: order.payAmount, prepayId: null, prepayExpiresAt: order.expiresAt, pendingOrderId: order.id };
  }

  /** A payment WeChat Pay confirmed although no attempt of it is recorded here. */
  static confirmedWithoutAttempt(order: PayableOrder, transactionId: string, paidAt: Date): Pick<PaymentEntity, 'orderId' | 'outTradeNo' | 'status' | 'amount' | 'transactionId' | 'paidAt' | 'pendingOrderId'> {
    return { orderId: order.id, outTradeNo: order.orderNo, status: 'PAID', amount: order.payAmount, transactionId, paidAt, pendingOrderId: null };
  }

  /** The claim is made and its prepay request has not answered yet. */
  get prepayInFlight(): boolean {
    return this.status === 'PENDING' && this.prepayId === null;
  }

  /** The prepay_id the shopper can still pay `amount` with at `now`, or null. */
  reusablePrepayId(amount: number, now: Date): string | null {
    if (this.status !== 'PENDING' || !this.prepayId || this.amount !== amount) return null;
    return this.prepayExpiresAt && this.prepayExpiresAt.getTime() > now.getTime() ? this.prepayId : null;
  }

  /** WeChat Pay confirmed this attempt as paid by `transactionId`. */
  markPaid(transactionId: string, paidAt: Date): PaymentChange {
    return this.change('PAID', { transactionId, paidAt, pendingOrderId: null });
  }

  /** The order was cancelled and WeChat's order closed: this attempt can no longer be paid. */
  close(): PaymentChange {
    return this.change('CLOSED', { pendingOrderId: null });
  }

  private change(to: PaymentStatus, set: PaymentChange['set']): PaymentChange {
    return statusChange(paymentStates, this, to, set, (from, target) => new PaymentStateInvalidError(from, target));
  }
}

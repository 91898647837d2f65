import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../../database/columns';

export const PAYMENT_ANOMALY_KINDS = ['FOREIGN_MERCHANT', 'UNKNOWN_ORDER', 'AMOUNT_MISMATCH', 'ALREADY_PAID'] as const;
export type PaymentAnomalyKind = (typeof PAYMENT_ANOMALY_KINDS)[number];

/**
 * A genuine (signed) payment notification that could not simply be applied: wrong amount, mchid
 * or appid, an unknown out_trade_no, or a second payment of an order already paid (which is
 * refunded). Acknowledged to WeChat, kept for staff.
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
  kind: PaymentAnomalyKind;

  @Column({ type: 'varchar', length: 500 })
  detail: string;

  @CreatedAtColumn()
  createdAt: Date;
}

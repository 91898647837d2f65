import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../../database/columns';

export const STOCK_REASONS = ['INITIAL', 'ORDER_PLACED', 'ORDER_CANCELLED', 'RETURNED', 'ADJUSTMENT'] as const;
export type StockReason = (typeof STOCK_REASONS)[number];

export const STOCK_REF_TYPES = ['ORDER', 'AFTER_SALE'] as const;
export type StockRefType = (typeof STOCK_REF_TYPES)[number];

/**
 * One change of one SKU's stock. The unique key makes a second take, release or restore of the
 * same reference refused by the database (staff adjustments have no reference and are not limited).
 */
@Entity('stock_ledger')
@Index(['skuId', 'id'])
@Index(['refType', 'refId', 'skuId', 'reason'], { unique: true })
export class StockLedgerEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  skuId: number;

  @Column({ type: 'int' })
  productId: number;

  /** Signed change: negative when stock was taken. */
  @Column({ type: 'int' })
  delta: number;

  @Column({ type: 'int' })
  stockAfter: number;

  @Column({ type: 'varchar', length: 24 })
  reason: StockReason;

  @Column({ type: 'varchar', length: 16, nullable: true })
  refType: StockRefType | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  refId: string | null;

  /** The staff account that adjusted the stock, if any. */
  @Column({ type: 'int', nullable: true })
  operatorId: number | null;

  /** Free text: the staff's reason for an adjustment. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  note: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../../database/columns';

/** One state change of an order: from, to, who and why. */
@Entity('order_log')
export class OrderLogEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'int' })
  orderId: number;

  @Column({ type: 'varchar', length: 20, nullable: true })
  fromStatus: string | null;

  @Column({ type: 'varchar', length: 20 })
  toStatus: string;

  /** `shopper:<id>`, `staff:<id>` or `system`. */
  @Column({ type: 'varchar', length: 40 })
  actor: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  reason: string;

  @CreatedAtColumn()
  createdAt: Date;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, MoneyColumn } from '../../../database/columns';

/** One line of an order: a snapshot of what was bought and what was paid for it. */
@Entity('order_item')
export class OrderItemEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'int' })
  orderId: number;

  @Column({ type: 'int' })
  skuId: number;

  @Column({ type: 'int' })
  productId: number;

  @Column({ type: 'int' })
  categoryId: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @JsonColumn()
  specValues: Record<string, string>;

  @Column({ type: 'varchar', length: 500, nullable: true })
  image: string | null;

  @MoneyColumn() price: number;

  @Column({ type: 'int' })
  quantity: number;

  @MoneyColumn() totalAmount: number;
  @MoneyColumn() discountAmount: number;
  @MoneyColumn() couponAmount: number;
  @MoneyColumn() pointsAmount: number;
  @MoneyColumn() payAmount: number;

  /** Units and amount claimed by after-sales that are open or refunded. */
  @Column({ type: 'int', default: 0 })
  claimedQuantity: number;

  @MoneyColumn() claimedAmount: number;

  /** Units and amount actually refunded. */
  @Column({ type: 'int', default: 0 })
  refundedQuantity: number;

  @MoneyColumn() refundedAmount: number;
}

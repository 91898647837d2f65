import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../../database/columns';

/** One line of a shopper's cart: a SKU (by id) and a quantity. One line per SKU. */
@Entity('cart_item')
@Index(['shopperId', 'skuId'], { unique: true })
export class CartItemEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  shopperId: number;

  @Column({ type: 'int' })
  skuId: number;

  @Column({ type: 'int' })
  quantity: number;

  /** Selected lines are the ones checked out from the cart. */
  @Column({ type: 'boolean', default: true })
  selected: boolean;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

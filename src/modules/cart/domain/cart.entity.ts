import { Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAtColumn } from '../../../database/columns';

/**
 * The root of a shopper's cart: one row per shopper who has added to it. Every add locks it first,
 * so one shopper's adds run one after another and the per-cart line cap holds under concurrency
 * (locking the lines themselves cannot do that for an empty cart: gap locks do not exclude).
 */
@Entity('cart')
export class CartEntity {
  @PrimaryColumn({ type: 'int' })
  shopperId: number;

  @UpdatedAtColumn()
  updatedAt: Date;
}

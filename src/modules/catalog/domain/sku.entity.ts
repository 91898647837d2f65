import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, JsonColumn, MoneyColumn, TimestampColumn, UpdatedAtColumn } from '../../../database/columns';

/**
 * One sellable combination of a product's spec values. `specKey` identifies the combination, so an
 * edit keeps the id of an unchanged combination; a combination dropped from the product is soft
 * deleted (carts and orders still point at it) and revived with its old id if it comes back.
 * Its stock lives in inventory (sku_stock), by id.
 */
@Entity('sku')
@Index(['productId', 'specKey'], { unique: true })
@Index(['skuCode'])
export class SkuEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  productId: number;

  @Column({ type: 'varchar', length: 40 })
  specKey: string;

  /** `{ "颜色": "红", "尺码": "S" }`; `{}` for a product without specs. */
  @JsonColumn()
  specValues: Record<string, string>;

  @MoneyColumn()
  price: number;

  @MoneyColumn({ nullable: true, default: null })
  marketPrice: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  skuCode: string | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  image: string | null;

  /** grams */
  @Column({ type: 'int', default: 0 })
  weight: number;

  @Column({ type: 'int', default: 0 })
  position: number;

  @TimestampColumn({ nullable: true })
  deletedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

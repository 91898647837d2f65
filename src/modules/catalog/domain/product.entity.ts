import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, JsonColumn, MoneyColumn, TimestampColumn, UpdatedAtColumn } from '../../../database/columns';
import type { SpecGroup } from './product-specs';

export const PRODUCT_STATUSES = ['ON_SALE', 'OFF_SALE'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/**
 * A product (SPU). `minPrice`, `maxPrice` and `sales` are kept on the row (maintained when SKUs
 * change and when stock is taken or returned) so the shopper listing needs no aggregation.
 * A deleted product is always OFF_SALE, so `status = 'ON_SALE'` alone selects what shoppers see.
 */
@Entity('product')
@Index(['status', 'sales'])
@Index(['status', 'minPrice'])
@Index(['status', 'id'])
@Index(['categoryId', 'status'])
export class ProductEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  categoryId: number;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @JsonColumn()
  images: string[];

  @JsonColumn()
  videos: string[];

  /** The first image, kept apart for lists. */
  @Column({ type: 'varchar', length: 512, nullable: true })
  mainImage: string | null;

  @JsonColumn()
  specs: SpecGroup[];

  @Column({ type: 'varchar', length: 16, default: 'OFF_SALE' })
  status: ProductStatus;

  /** Lowest price of its live SKUs, fen. */
  @MoneyColumn()
  minPrice: number;

  /** Highest price of its live SKUs, fen. */
  @MoneyColumn()
  maxPrice: number;

  /** Units sold (taken for orders, less those released or returned). */
  @Column({ type: 'int', default: 0 })
  sales: number;

  @TimestampColumn({ nullable: true })
  deletedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  isDeleted(): boolean {
    return this.deletedAt !== null;
  }

  /** Soft delete: orders keep their snapshots; the product leaves every list and cannot be bought. */
  markDeleted(at: Date): void {
    this.deletedAt = at;
    this.status = 'OFF_SALE';
  }
}

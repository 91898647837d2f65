import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { UpdatedAtColumn } from '../../../database/columns';

/**
 * The stock of one SKU. Inventory owns this row (the SKU itself belongs to catalog, by id):
 * `stock` only changes through conditional UPDATEs in InventoryService, each with a ledger row.
 */
@Entity('sku_stock')
export class SkuStockEntity {
  @PrimaryColumn({ type: 'int' })
  skuId: number;

  @Index()
  @Column({ type: 'int' })
  productId: number;

  @Column({ type: 'int', default: 0 })
  stock: number;

  /** A low-stock event is raised when stock falls below this (0 = never). */
  @Column({ type: 'int', default: 0 })
  lowStockThreshold: number;

  @UpdatedAtColumn()
  updatedAt: Date;
}

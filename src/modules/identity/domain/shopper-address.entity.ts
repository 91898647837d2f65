import { Column, Entity, Index, PrimaryGeneratedColumn, ValueTransformer } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../../database/columns';

/** MySQL returns DECIMAL as a string; coordinates are read back as numbers. */
const decimalAsNumber: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? null : Number(value)),
};

/** A delivery address of a shopper (at most one is the default). */
@Entity('shopper_address')
export class ShopperAddressEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'int' })
  shopperId: number;

  @Column({ type: 'varchar', length: 32 })
  receiverName: string;

  @Column({ type: 'varchar', length: 20 })
  phone: string;

  @Column({ type: 'varchar', length: 32 })
  province: string;

  @Column({ type: 'varchar', length: 32 })
  city: string;

  @Column({ type: 'varchar', length: 32 })
  district: string;

  @Column({ type: 'varchar', length: 200 })
  detail: string;

  @Column({ type: 'boolean', default: false })
  isDefault: boolean;

  @Column({ type: 'decimal', precision: 10, scale: 7, nullable: true, transformer: decimalAsNumber })
  latitude: number | null;

  @Column({ type: 'decimal', precision: 10, scale: 7, nullable: true, transformer: decimalAsNumber })
  longitude: number | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

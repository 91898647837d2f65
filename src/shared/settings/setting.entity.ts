import { Column, Entity, PrimaryColumn } from 'typeorm';
import { JsonColumn, UpdatedAtColumn } from '../../database/columns';

/** A group of run-time settings a merchant changes (e.g. `order`), stored as one JSON value. */
@Entity('setting')
export class SettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @JsonColumn()
  value: Record<string, unknown>;

  @Column({ type: 'int', default: 0 })
  version: number;

  @UpdatedAtColumn()
  updatedAt: Date;
}

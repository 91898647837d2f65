import { Entity, PrimaryColumn } from 'typeorm';
import { JsonColumn, UpdatedAtColumn } from '../../../database/columns';

/**
 * The stores a staff account may see and change. No row, or storeIds null: every store.
 * Store ids only (stores belong to the store context).
 */
@Entity('staff_store_scope')
export class StaffStoreScopeEntity {
  @PrimaryColumn({ type: 'int' })
  staffId: number;

  @JsonColumn({ nullable: true })
  storeIds: number[] | null;

  @UpdatedAtColumn()
  updatedAt: Date;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, JsonColumn, UpdatedAtColumn } from '../../../database/columns';

/** A named set of permission codes. The super admin role holds every permission implicitly. */
@Entity('role')
export class RoleEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  description: string;

  /** Exactly one role has this: it cannot be deleted, renamed or given a permission list. */
  @Column({ type: 'boolean', default: false })
  isSuperAdmin: boolean;

  @JsonColumn()
  permissions: string[];

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A role held by a staff account (the account lives in identity; only its id is kept). */
@Entity('staff_role')
@Index(['staffId', 'roleId'], { unique: true })
export class StaffRoleEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  staffId: number;

  @Index()
  @Column({ type: 'int' })
  roleId: number;
}

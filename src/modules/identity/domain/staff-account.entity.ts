import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn } from '../../../database/columns';

export type StaffStatus = 'ACTIVE' | 'DISABLED';

/** A merchant staff account that logs in with a username and a password. */
@Entity('staff_account')
export class StaffAccountEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** Lower case; unique. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  username: string;

  /** `scrypt$...` (see password-hasher.ts); never returned by any route. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 16, default: 'ACTIVE' })
  status: StaffStatus;

  /** Carried by access tokens as `ver`; bumped on password change and disable, killing older tokens. */
  @Column({ type: 'int', default: 1 })
  tokenVersion: number;

  /** Login attempts since the last success or lockout (reserved before the password is checked). */
  @Column({ type: 'int', default: 0 })
  failedLoginCount: number;

  /** Lockouts in a row; each one lasts twice as long as the previous. */
  @Column({ type: 'int', default: 0 })
  lockoutCount: number;

  @TimestampColumn({ nullable: true })
  lockedUntil: Date | null;

  @TimestampColumn({ nullable: true })
  lastLoginAt: Date | null;

  @TimestampColumn({ nullable: true })
  passwordChangedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

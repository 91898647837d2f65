import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '../../../database/columns';
import type { Audience } from '../../../shared/auth/token.service';

/** ACTIVE: usable once; ROTATED: used (presenting it again revokes the family); REVOKED: logged out or reused. */
export type RefreshTokenStatus = 'ACTIVE' | 'ROTATED' | 'REVOKED';

/**
 * One opaque refresh token, stored as its SHA-256. Every use rotates it to a new token of the
 * same family (one login on one device); presenting a rotated token again revokes the family.
 */
@Entity('refresh_token')
@Index(['audience', 'subjectId'])
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 16 })
  audience: Audience;

  @Column({ type: 'int' })
  subjectId: number;

  @Index()
  @Column({ type: 'varchar', length: 32 })
  familyId: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 16, default: 'ACTIVE' })
  status: RefreshTokenStatus;

  @Index()
  @TimestampColumn()
  expiresAt: Date;

  @TimestampColumn({ nullable: true })
  usedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}

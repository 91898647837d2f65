import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn } from '../../../database/columns';

export type ShopperStatus = 'ACTIVE' | 'BLOCKED';

/** A mini-program user, known by the WeChat openid of this mini-program. */
@Entity('shopper')
export class ShopperEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  openid: string;

  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid: string | null;

  /** The latest WeChat session key, sealed (never returned by any route). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  sessionKeySealed: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  nickname: string | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  avatarUrl: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  /** This shopper's own code, given to friends they invite. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 16 })
  inviteCode: string;

  /** Who invited this shopper (recorded once, at the first login). */
  @Index()
  @Column({ type: 'int', nullable: true })
  inviterId: number | null;

  @Column({ type: 'varchar', length: 16, default: 'ACTIVE' })
  status: ShopperStatus;

  @TimestampColumn({ nullable: true })
  lastLoginAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, JsonColumn } from '../../database/columns';

/** The first answer given to an `Idempotency-Key`, replayed for the same caller and request. */
@Entity('idempotency_record')
@Index(['scope', 'idempotencyKey'], { unique: true })
export class IdempotencyRecordEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** Who and which operation: e.g. `shopper:12:POST /api/v1/app/orders`. */
  @Column({ type: 'varchar', length: 160 })
  scope: string;

  @Column({ type: 'varchar', length: 64 })
  idempotencyKey: string;

  /** SHA-256 of the request body, to refuse the same key with another body. */
  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  /** null while the first request is still running. */
  @Column({ type: 'int', nullable: true })
  statusCode: number | null;

  @JsonColumn({ nullable: true })
  responseBody: unknown;

  @CreatedAtColumn()
  createdAt: Date;
}

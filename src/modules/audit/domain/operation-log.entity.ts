import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../../database/columns';

export type OperationOutcome = 'SUCCESS' | 'FAILURE';

/** One staff write: who, which route, on what, how it ended, from where, with a redacted body. */
@Entity('operation_log')
@Index(['staffId', 'createdAt'])
export class OperationLogEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** Null for an anonymous call (a failed login). */
  @Column({ type: 'int', nullable: true })
  staffId: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  username: string | null;

  @Column({ type: 'varchar', length: 8 })
  method: string;

  /** The route pattern, e.g. /api/v1/admin/roles/:id. */
  @Column({ type: 'varchar', length: 255 })
  route: string;

  /** The path called, without the query string. */
  @Column({ type: 'varchar', length: 512 })
  path: string;

  /** The resource kind: the first path segment after /admin/ (roles, admins, orders, ...). */
  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  targetType: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  targetId: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome: OperationOutcome;

  @Column({ type: 'int' })
  statusCode: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  errorCode: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  /** The request body as JSON with secrets replaced by "[redacted]". */
  @Column({ type: 'text', nullable: true })
  body: string | null;

  @Index()
  @CreatedAtColumn()
  createdAt: Date;
}

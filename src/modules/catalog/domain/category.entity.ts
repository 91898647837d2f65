import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../../database/columns';

/** A node of the category tree (parentId null: a top-level category). */
@Entity('category')
@Index(['parentId', 'sort'])
export class CategoryEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', nullable: true })
  parentId: number | null;

  @Column({ type: 'varchar', length: 32 })
  name: string;

  @Column({ type: 'varchar', length: 512, nullable: true })
  image: string | null;

  /** Ascending; ties by id. */
  @Column({ type: 'int', default: 0 })
  sort: number;

  /** Off: hidden (with its sub-categories) from the shopper's category tree. */
  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction-runner';
import { BadRequestError, ConflictError, NotFoundError } from '../../../shared/domain/domain-error';
import { CategoryEntity } from '../domain/category.entity';
import { buildTree, depthOf, heightOf, MAX_CATEGORY_DEPTH, selfAndDescendants, TreeNode } from '../domain/category-tree';
import { ProductEntity } from '../domain/product.entity';
import { writeLock } from './db-locks';

export interface CategoryInput {
  name?: string;
  /** null: a top-level category; undefined: unchanged. */
  parentId?: number | null;
  sort?: number;
  enabled?: boolean;
  image?: string | null;
}

@Injectable()
export class CategoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  /** The whole tree in display order; with `enabledOnly`, disabled categories and everything below them are left out. */
  async tree(enabledOnly: boolean): Promise<Array<TreeNode<CategoryEntity>>> {
    const rows = await this.all();
    return buildTree(enabledOnly ? rows.filter((r) => r.enabled) : rows);
  }

  /** The category and its sub-categories, or an empty list when it does not exist. */
  async selfAndDescendantIds(id: number): Promise<number[]> {
    const rows = await this.dataSource.getRepository(CategoryEntity).find({ select: { id: true, parentId: true } });
    if (!rows.some((r) => r.id === id)) return [];
    return selfAndDescendants(rows, id);
  }

  /** Refuses (400 CATEGORY_NOT_FOUND) a product pointing at a category that does not exist; holds it until commit. */
  async assertExists(em: EntityManager, id: number): Promise<void> {
    const found = await em.findOne(CategoryEntity, { where: { id }, select: { id: true }, ...writeLock(em) });
    if (!found) throw new BadRequestError('CATEGORY_NOT_FOUND', `Category ${id} does not exist`, [{ field: 'categoryId', message: 'no such category' }]);
  }

  async create(input: CategoryInput & { name: string }): Promise<CategoryEntity> {
    return this.tx.run(async (em) => {
      const parentId = input.parentId ?? null;
      if (parentId !== null) await this.assertPlacement(em, null, parentId);
      return em.save(
        em.create(CategoryEntity, {
          name: input.name,
          parentId,
          sort: input.sort ?? 0,
          enabled: input.enabled ?? true,
          image: input.image ?? null,
        }),
      );
    });
  }

  async update(id: number, input: CategoryInput): Promise<CategoryEntity> {
    return this.tx.run(async (em) => {
      const category = await em.findOne(CategoryEntity, { where: { id }, ...writeLock(em) });
      if (!category) throw new NotFoundError('Category', { categoryId: id });
      if (input.parentId !== undefined && input.parentId !== category.parentId) {
        if (input.parentId !== null) await this.assertPlacement(em, id, input.parentId);
        category.parentId = input.parentId;
      }
      if (input.name !== undefined) category.name = input.name;
      if (input.sort !== undefined) category.sort = input.sort;
      if (input.enabled !== undefined) category.enabled = input.enabled;
      if (input.image !== undefined) category.image = input.image;
      return em.save(category);
    });
  }

  /** Refused while the category has sub-categories (409 CATEGORY_HAS_CHILDREN) or products (409 CATEGORY_HAS_PRODUCTS). */
  async remove(id: number): Promise<void> {
    await this.tx.run(async (em) => {
      // Locking the row first makes a concurrent product creation in this category wait, then fail.
      const category = await em.findOne(CategoryEntity, { where: { id }, ...writeLock(em) });
      if (!category) throw new NotFoundError('Category', { categoryId: id });
      const children = await em.count(CategoryEntity, { where: { parentId: id } });
      if (children > 0) {
        throw new ConflictError('CATEGORY_HAS_CHILDREN', 'Move or delete its sub-categories first', { categoryId: id, children });
      }
      const products = await em.count(ProductEntity, { where: { categoryId: id, deletedAt: IsNull() } });
      if (products > 0) {
        throw new ConflictError('CATEGORY_HAS_PRODUCTS', 'Move or delete the products of this category first', { categoryId: id, products });
      }
      await em.delete(CategoryEntity, { id });
    });
  }

  /** Checks that `id` (null for a new category) may sit under `parentId`: the parent exists, no cycle, depth within limits. */
  private async assertPlacement(em: EntityManager, id: number | null, parentId: number): Promise<void> {
    const rows = await em.find(CategoryEntity, { select: { id: true, parentId: true } });
    if (!rows.some((r) => r.id === parentId)) {
      throw new BadRequestError('CATEGORY_NOT_FOUND', `Parent category ${parentId} does not exist`, [{ field: 'parentId', message: 'no such category' }]);
    }
    if (id !== null && selfAndDescendants(rows, id).includes(parentId)) {
      throw new BadRequestError('CATEGORY_CYCLE', 'A category cannot be moved under itself or one of its sub-categories', { categoryId: id, parentId });
    }
    const height = id === null ? 1 : heightOf(rows, id);
    if (depthOf(rows, parentId) + height > MAX_CATEGORY_DEPTH) {
      throw new BadRequestError('CATEGORY_TOO_DEEP', `The category tree is at most ${MAX_CATEGORY_DEPTH} levels deep`, { parentId });
    }
  }

  private all(): Promise<CategoryEntity[]> {
    return this.dataSource.getRepository(CategoryEntity).find({ order: { sort: 'ASC', id: 'ASC' } });
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction-runner';
import { ConflictError, NotFoundError } from '../../../shared/domain/domain-error';
import { ValidationFailedError } from '../../../shared/http/validation';
import { InventoryService, OpeningStock } from '../../inventory';
import { ProductEntity, ProductStatus } from '../domain/product.entity';
import { checkSpecsAndSkus, priceRange, SpecGroup } from '../domain/product-specs';
import { SkuEntity } from '../domain/sku.entity';
import { CategoryService } from './category.service';
import { ProductDetailCache } from './product-detail.cache';
import { ProductQueryService } from './product-query.service';
import type { AdminProductDetail } from './product.views';

export interface SkuInput {
  specValues: Record<string, string>;
  price: number;
  marketPrice?: number | null;
  /** Opening stock of a new SKU; an existing SKU's stock changes only through stock adjustments. */
  stock?: number;
  lowStockThreshold?: number;
  skuCode?: string | null;
  image?: string | null;
  weight?: number;
}

export interface ProductInput {
  name: string;
  categoryId: number;
  description?: string | null;
  images?: string[];
  videos?: string[];
  status: ProductStatus;
  specs: SpecGroup[];
  skus: SkuInput[];
}

/** Staff writes to products and their SKUs: one request, one transaction, cache dropped after commit. */
@Injectable()
export class ProductService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly categories: CategoryService,
    private readonly inventory: InventoryService,
    private readonly cache: ProductDetailCache,
    private readonly query: ProductQueryService,
  ) {}

  async create(input: ProductInput, operatorId: number | null): Promise<AdminProductDetail> {
    const keys = checkSpecsAndSkus(input.specs, input.skus);
    const productId = await this.tx.run(async (em) => {
      await this.categories.assertExists(em, input.categoryId);
      await this.assertSkuCodesFree(em, input.skus, null);
      const images = input.images ?? [];
      const product = await em.save(
        em.create(ProductEntity, {
          categoryId: input.categoryId,
          name: input.name,
          description: input.description ?? null,
          images,
          videos: input.videos ?? [],
          mainImage: images[0] ?? null,
          specs: input.specs,
          status: input.status,
          ...priceRange(input.skus.map((s) => s.price)),
          sales: 0,
          deletedAt: null,
        }),
      );
      const opening: OpeningStock[] = [];
      for (const [i, sku] of input.skus.entries()) {
        const saved = await em.save(em.create(SkuEntity, { productId: product.id, specKey: keys[i], position: i, deletedAt: null, ...skuFields(sku) }));
        opening.push({ skuId: saved.id, productId: product.id, stock: sku.stock ?? 0, lowStockThreshold: sku.lowStockThreshold ?? 0 });
      }
      await this.inventory.openStock(em, opening, operatorId);
      return product.id;
    });
    return this.query.adminDetail(productId);
  }

  /**
   * Changes a product. When `skus` are given (always with `specs`), they replace the SKU list:
   * a combination already there keeps its id, a new one is created with its opening stock, one
   * left out is soft deleted.
   */
  async update(id: number, input: Partial<ProductInput>, operatorId: number | null): Promise<AdminProductDetail> {
    if ((input.specs === undefined) !== (input.skus === undefined)) {
      throw new ValidationFailedError([{ field: input.specs === undefined ? 'specs' : 'skus', message: 'specs and skus are changed together' }]);
    }
    const keys = input.specs && input.skus ? checkSpecsAndSkus(input.specs, input.skus) : null;
    await this.tx.run(async (em) => {
      const product = await em.findOneBy(ProductEntity, { id, deletedAt: IsNull() });
      if (!product) throw new NotFoundError('Product', { productId: id });
      if (input.categoryId !== undefined && input.categoryId !== product.categoryId) await this.categories.assertExists(em, input.categoryId);

      if (input.skus && input.specs && keys) {
        await this.assertSkuCodesFree(em, input.skus, id);
        await this.replaceSkus(em, product, input.skus, keys, operatorId);
        product.specs = input.specs;
        Object.assign(product, priceRange(input.skus.map((s) => s.price)));
      }
      if (input.name !== undefined) product.name = input.name;
      if (input.categoryId !== undefined) product.categoryId = input.categoryId;
      if (input.description !== undefined) product.description = input.description;
      if (input.images !== undefined) {
        product.images = input.images;
        product.mainImage = input.images[0] ?? null;
      }
      if (input.videos !== undefined) product.videos = input.videos;
      if (input.status !== undefined) product.status = input.status;
      // The product row is written last: stock takes lock stock rows first and the product row
      // (sales) second, and this keeps the same order.
      await em.save(product);
    });
    await this.cache.invalidate(id);
    return this.query.adminDetail(id);
  }

  async remove(id: number): Promise<void> {
    await this.tx.run(async (em) => {
      const product = await em.findOneBy(ProductEntity, { id, deletedAt: IsNull() });
      if (!product) throw new NotFoundError('Product', { productId: id });
      product.markDeleted(new Date());
      await em.save(product);
    });
    await this.cache.invalidate(id);
  }

  private async replaceSkus(em: EntityManager, product: ProductEntity, skus: SkuInput[], keys: string[], operatorId: number | null): Promise<void> {
    const existing = new Map((await em.findBy(SkuEntity, { productId: product.id })).map((s) => [s.specKey, s]));
    const kept = new Set<string>();
    const opening: OpeningStock[] = [];
    const thresholds: Array<{ skuId: number; lowStockThreshold: number }> = [];
    for (const [i, input] of skus.entries()) {
      const key = keys[i];
      kept.add(key);
      const current = existing.get(key);
      if (current) {
        Object.assign(current, skuFields(input), { position: i, deletedAt: null });
        await em.save(current);
        if (input.lowStockThreshold !== undefined) thresholds.push({ skuId: current.id, lowStockThreshold: input.lowStockThreshold });
      } else {
        const created = await em.save(em.create(SkuEntity, { productId: product.id, specKey: key, position: i, deletedAt: null, ...skuFields(input) }));
        opening.push({ skuId: created.id, productId: product.id, stock: input.stock ?? 0, lowStockThreshold: input.lowStockThreshold ?? 0 });
      }
    }
    const dropped = [...existing.values()].filter((s) => !kept.has(s.specKey) && s.deletedAt === null);
    if (dropped.length > 0) await em.update(SkuEntity, { id: In(dropped.map((s) => s.id)) }, { deletedAt: new Date() });
    await this.inventory.openStock(em, opening, operatorId);
    for (const t of thresholds.sort((a, b) => a.skuId - b.skuId)) await this.inventory.setThreshold(em, t.skuId, t.lowStockThreshold);
  }

  /** SKU codes are unique among the live SKUs of live products (409 SKU_CODE_TAKEN). */
  private async assertSkuCodesFree(em: EntityManager, skus: SkuInput[], productId: number | null): Promise<void> {
    const codes = skus.map((s) => s.skuCode).filter((c): c is string => !!c);
    if (codes.length === 0) return;
    const qb = em
      .createQueryBuilder(SkuEntity, 's')
      .innerJoin(ProductEntity, 'p', 'p.id = s.productId')
      .select('s.skuCode', 'skuCode')
      .where('s.skuCode IN (:...codes)', { codes })
      .andWhere('s.deletedAt IS NULL')
      .andWhere('p.deletedAt IS NULL');
    if (productId !== null) qb.andWhere('s.productId <> :productId', { productId });
    const taken = await qb.getRawOne<{ skuCode: string }>();
    if (taken) throw new ConflictError('SKU_CODE_TAKEN', `SKU code ${taken.skuCode} is used by another product`, { skuCode: taken.skuCode });
  }
}

function skuFields(sku: SkuInput): Pick<SkuEntity, 'specValues' | 'price' | 'marketPrice' | 'skuCode' | 'image' | 'weight'> {
  return {
    specValues: sku.specValues,
    price: sku.price,
    marketPrice: sku.marketPrice ?? null,
    skuCode: sku.skuCode ?? null,
    image: sku.image ?? null,
    weight: sku.weight ?? 0,
  };
}

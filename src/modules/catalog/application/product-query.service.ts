import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, SelectQueryBuilder } from 'typeorm';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { Page, pageOf } from '../../../shared/http/pagination';
import { InventoryService } from '../../inventory';
import { containsPattern, likeCondition } from '../../../database/like-pattern';
import { ProductEntity, ProductStatus } from '../domain/product.entity';
import { SkuEntity } from '../domain/sku.entity';
import { CategoryService } from './category.service';
import { ProductDetailCache } from './product-detail.cache';
import type { AdminProductDetail, AdminProductSummary, ProductDetailStatic, ShopperProductDetail, ShopperProductSummary } from './product.views';

export const PRODUCT_SORTS = ['newest', 'sales', 'price'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export interface ProductListQuery {
  page: number;
  pageSize: number;
  categoryId?: number;
  keyword?: string;
}

/** Column and default direction of each allowed sort; ties break by id so pages never overlap. */
const SORTS: Record<ProductSort, { column: string; defaultOrder: 'ASC' | 'DESC' }> = {
  newest: { column: 'p.id', defaultOrder: 'DESC' },
  sales: { column: 'p.sales', defaultOrder: 'DESC' },
  price: { column: 'p.minPrice', defaultOrder: 'ASC' },
};

@Injectable()
export class ProductQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly categories: CategoryService,
    private readonly inventory: InventoryService,
    private readonly cache: ProductDetailCache,
  ) {}

  /** Products on sale, filtered and sorted; reads only the listed columns of the product row. */
  async listForShopper(query: ProductListQuery & { sort?: ProductSort; order?: 'asc' | 'desc' }): Promise<Page<ShopperProductSummary>> {
    const filtered = await this.filter(query, 'ON_SALE');
    if (!filtered) return pageOf([], 0, query);
    const sort = SORTS[query.sort ?? 'newest'];
    const direction = query.order ? (query.order.toUpperCase() as 'ASC' | 'DESC') : sort.defaultOrder;
    const list = filtered()
      .select('p.id', 'id')
      .addSelect('p.name', 'name')
      .addSelect('p.mainImage', 'mainImage')
      .addSelect('p.minPrice', 'minPrice')
      .addSelect('p.sales', 'sales')
      .orderBy(sort.column, direction);
    if (sort.column !== 'p.id') list.addOrderBy('p.id', direction);
    const [rows, total] = await Promise.all([
      list
        .offset((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .getRawMany<{ id: number; name: string; mainImage: string | null; minPrice: number | string; sales: number | string }>(),
      this.count(filtered()),
    ]);
    const items = rows.map((r) => ({ id: Number(r.id), name: r.name, mainImage: r.mainImage, minPrice: Number(r.minPrice), sales: Number(r.sales) }));
    return pageOf(items, total, query);
  }

  /** A product on sale: the static part from the cache, stock read fresh (404 when off sale or deleted). */
  async shopperDetail(id: number): Promise<ShopperProductDetail> {
    let detail = await this.cache.get(id);
    if (!detail) {
      detail = await this.loadStatic(id);
      if (!detail) throw new NotFoundError('Product', { productId: id });
      await this.cache.set(id, detail);
    }
    if (detail.status !== 'ON_SALE') throw new NotFoundError('Product', { productId: id });
    const stock = await this.inventory.stockOf(detail.skus.map((s) => s.id));
    const { status: _status, skus, ...rest } = detail;
    return { ...rest, skus: skus.map((s) => ({ ...s, stock: stock.get(s.id)?.stock ?? 0 })) };
  }

  async listForAdmin(query: ProductListQuery & { status?: ProductStatus }): Promise<Page<AdminProductSummary>> {
    const filtered = await this.filter(query, query.status ?? null);
    if (!filtered) return pageOf([], 0, query);
    const [products, total] = await Promise.all([
      filtered()
        .orderBy('p.id', 'DESC')
        .skip((query.page - 1) * query.pageSize)
        .take(query.pageSize)
        .getMany(),
      this.count(filtered()),
    ]);
    const skus = products.length
      ? await this.dataSource.getRepository(SkuEntity).find({
          select: { id: true, productId: true },
          where: { productId: In(products.map((p) => p.id)), deletedAt: IsNull() },
        })
      : [];
    const stock = await this.inventory.stockOf(skus.map((s) => s.id));
    const totals = new Map<number, number>();
    for (const sku of skus) totals.set(sku.productId, (totals.get(sku.productId) ?? 0) + (stock.get(sku.id)?.stock ?? 0));
    const items = products.map((p) => ({
      id: p.id,
      name: p.name,
      categoryId: p.categoryId,
      mainImage: p.mainImage,
      status: p.status,
      minPrice: p.minPrice,
      maxPrice: p.maxPrice,
      sales: p.sales,
      totalStock: totals.get(p.id) ?? 0,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    }));
    return pageOf(items, total, query);
  }

  /** A live product with every SKU's stock and threshold (no cache). */
  async adminDetail(id: number): Promise<AdminProductDetail> {
    const product = await this.dataSource.getRepository(ProductEntity).findOneBy({ id, deletedAt: IsNull() });
    if (!product) throw new NotFoundError('Product', { productId: id });
    const skus = await this.liveSkus(id);
    const stock = await this.inventory.stockOf(skus.map((s) => s.id));
    return {
      id: product.id,
      name: product.name,
      categoryId: product.categoryId,
      description: product.description,
      images: product.images,
      videos: product.videos,
      mainImage: product.mainImage,
      status: product.status,
      specs: product.specs,
      minPrice: product.minPrice,
      maxPrice: product.maxPrice,
      sales: product.sales,
      skus: skus.map((s) => ({
        id: s.id,
        specValues: s.specValues,
        price: s.price,
        marketPrice: s.marketPrice,
        skuCode: s.skuCode,
        image: s.image,
        weight: s.weight,
        stock: stock.get(s.id)?.stock ?? 0,
        lowStockThreshold: stock.get(s.id)?.lowStockThreshold ?? 0,
      })),
      createdAt: product.createdAt,
      updatedAt: product.updatedAt,
    };
  }

  private async loadStatic(id: number): Promise<ProductDetailStatic | null> {
    const product = await this.dataSource.getRepository(ProductEntity).findOneBy({ id, deletedAt: IsNull() });
    if (!product) return null;
    const skus = await this.liveSkus(id);
    return {
      id: product.id,
      name: product.name,
      description: product.description,
      images: product.images,
      videos: product.videos,
      mainImage: product.mainImage,
      categoryId: product.categoryId,
      specs: product.specs,
      minPrice: product.minPrice,
      maxPrice: product.maxPrice,
      sales: product.sales,
      status: product.status,
      skus: skus.map((s) => ({ id: s.id, specValues: s.specValues, price: s.price, marketPrice: s.marketPrice, image: s.image })),
    };
  }

  private liveSkus(productId: number): Promise<SkuEntity[]> {
    return this.dataSource.getRepository(SkuEntity).find({ where: { productId, deletedAt: IsNull() }, order: { position: 'ASC', id: 'ASC' } });
  }

  /**
   * A factory of query builders with the common filters (status, category with its
   * sub-categories, escaped keyword), or null when the category does not exist.
   */
  private async filter(query: ProductListQuery, status: ProductStatus | null): Promise<(() => SelectQueryBuilder<ProductEntity>) | null> {
    const categoryIds = query.categoryId !== undefined ? await this.categories.selfAndDescendantIds(query.categoryId) : null;
    if (categoryIds && categoryIds.length === 0) return null;
    return () => {
      const qb = this.dataSource.getRepository(ProductEntity).createQueryBuilder('p');
      // A deleted product is always OFF_SALE, so the shopper filter needs no deletedAt condition.
      if (status) qb.where('p.status = :status', { status });
      if (status !== 'ON_SALE') qb.andWhere('p.deletedAt IS NULL');
      if (categoryIds) qb.andWhere(categoryIds.length === 1 ? 'p.categoryId = :categoryId' : 'p.categoryId IN (:...categoryIds)', { categoryId: categoryIds[0], categoryIds });
      if (query.keyword) qb.andWhere(likeCondition('p.name', 'keyword'), { keyword: containsPattern(query.keyword) });
      return qb;
    };
  }

  private async count(qb: SelectQueryBuilder<ProductEntity>): Promise<number> {
    const row = await qb.select('COUNT(*)', 'total').getRawOne<{ total: number | string }>();
    return Number(row?.total ?? 0);
  }
}

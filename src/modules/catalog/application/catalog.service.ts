import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { InventoryService } from '../../inventory';
import { ProductEntity, ProductStatus } from '../domain/product.entity';
import { SkuEntity } from '../domain/sku.entity';

/** What ordering and cart need to price, validate and snapshot a SKU. */
export interface CheckoutSku {
  skuId: number;
  productId: number;
  productName: string;
  specValues: Record<string, string>;
  /** e.g. "红 / S"; empty for a product without specs. */
  specText: string;
  /** fen */
  price: number;
  /** fen */
  marketPrice: number | null;
  /** The SKU's image, else the product's main image. */
  image: string | null;
  /** grams */
  weight: number;
  skuCode: string | null;
  categoryId: number;
  productStatus: ProductStatus;
  productDeleted: boolean;
  /** The combination was dropped from the product by an edit. */
  skuDeleted: boolean;
  /** On sale, neither product nor SKU deleted. */
  purchasable: boolean;
  /** Stock right now (a hint: takeStock is what decides). */
  stock: number;
}

interface Row {
  skuId: number | string;
  productId: number | string;
  productName: string;
  specValues: string;
  price: number | string;
  marketPrice: number | string | null;
  skuImage: string | null;
  mainImage: string | null;
  weight: number | string;
  skuCode: string | null;
  categoryId: number | string;
  productStatus: ProductStatus;
  productDeletedAt: unknown;
  skuDeletedAt: unknown;
}

@Injectable()
export class CatalogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inventory: InventoryService,
  ) {}

  /**
   * The SKUs with their product's name, status and category, in the order of `ids` (unknown ids
   * are left out; the caller checks). Deleted and off-sale ones are included with their flags.
   * Pass the caller's transaction as `em` to read inside it.
   */
  async getSkusForCheckout(ids: readonly number[], em?: EntityManager): Promise<CheckoutSku[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const manager = em ?? this.dataSource.manager;
    const rows = await manager
      .createQueryBuilder(SkuEntity, 's')
      .innerJoin(ProductEntity, 'p', 'p.id = s.productId')
      .select('s.id', 'skuId')
      .addSelect('s.productId', 'productId')
      .addSelect('p.name', 'productName')
      .addSelect('s.specValues', 'specValues')
      .addSelect('s.price', 'price')
      .addSelect('s.marketPrice', 'marketPrice')
      .addSelect('s.image', 'skuImage')
      .addSelect('p.mainImage', 'mainImage')
      .addSelect('s.weight', 'weight')
      .addSelect('s.skuCode', 'skuCode')
      .addSelect('p.categoryId', 'categoryId')
      .addSelect('p.status', 'productStatus')
      .addSelect('p.deletedAt', 'productDeletedAt')
      .addSelect('s.deletedAt', 'skuDeletedAt')
      .where('s.id IN (:...ids)', { ids: unique })
      .getRawMany<Row>();
    const stock = await this.inventory.stockOf(unique, em);
    const byId = new Map(
      rows.map((r) => {
        const specValues = JSON.parse(r.specValues) as Record<string, string>;
        const productDeleted = r.productDeletedAt !== null && r.productDeletedAt !== undefined;
        const skuDeleted = r.skuDeletedAt !== null && r.skuDeletedAt !== undefined;
        const sku: CheckoutSku = {
          skuId: Number(r.skuId),
          productId: Number(r.productId),
          productName: r.productName,
          specValues,
          specText: Object.values(specValues).join(' / '),
          price: Number(r.price),
          marketPrice: r.marketPrice === null ? null : Number(r.marketPrice),
          image: r.skuImage ?? r.mainImage,
          weight: Number(r.weight),
          skuCode: r.skuCode,
          categoryId: Number(r.categoryId),
          productStatus: r.productStatus,
          productDeleted,
          skuDeleted,
          purchasable: r.productStatus === 'ON_SALE' && !productDeleted && !skuDeleted,
          stock: stock.get(Number(r.skuId))?.stock ?? 0,
        };
        return [sku.skuId, sku] as const;
      }),
    );
    return unique.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  }
}

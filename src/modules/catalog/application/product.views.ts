import type { SpecGroup } from '../domain/product-specs';
import type { ProductStatus } from '../domain/product.entity';

/** The part of a product's detail that changes only when staff edit it (cached; stock is read fresh). */
export interface ProductDetailStatic {
  id: number;
  name: string;
  description: string | null;
  images: string[];
  videos: string[];
  mainImage: string | null;
  categoryId: number;
  specs: SpecGroup[];
  minPrice: number;
  maxPrice: number;
  /** May lag by up to the cache TTL: sales change with every order and do not invalidate the cache. */
  sales: number;
  status: ProductStatus;
  skus: Array<{ id: number; specValues: Record<string, string>; price: number; marketPrice: number | null; image: string | null }>;
}

export interface ShopperProductDetail extends Omit<ProductDetailStatic, 'status' | 'skus'> {
  skus: Array<ProductDetailStatic['skus'][number] & { stock: number }>;
}

export interface ShopperProductSummary {
  id: number;
  name: string;
  mainImage: string | null;
  minPrice: number;
  sales: number;
}

export interface AdminSku {
  id: number;
  specValues: Record<string, string>;
  price: number;
  marketPrice: number | null;
  skuCode: string | null;
  image: string | null;
  weight: number;
  stock: number;
  lowStockThreshold: number;
}

export interface AdminProductDetail {
  id: number;
  name: string;
  categoryId: number;
  description: string | null;
  images: string[];
  videos: string[];
  mainImage: string | null;
  status: ProductStatus;
  specs: SpecGroup[];
  minPrice: number;
  maxPrice: number;
  sales: number;
  skus: AdminSku[];
  createdAt: Date;
  updatedAt: Date;
}

export interface AdminProductSummary {
  id: number;
  name: string;
  categoryId: number;
  mainImage: string | null;
  status: ProductStatus;
  minPrice: number;
  maxPrice: number;
  sales: number;
  totalStock: number;
  createdAt: Date;
  updatedAt: Date;
}

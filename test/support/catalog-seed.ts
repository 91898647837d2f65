import type { ApiClient } from './clients';

/** Seeds catalog data through the staff API (the client needs category:write / product:write). */

export async function seedCategory(admin: ApiClient, name: string, parentId?: number, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await admin.post('/api/v1/admin/categories', { name, ...(parentId ? { parentId } : {}), ...extra }).expect(201);
  return res.body.id as number;
}

export interface SeedSku {
  specValues?: Record<string, string>;
  price?: number;
  stock?: number;
  lowStockThreshold?: number;
  skuCode?: string;
  marketPrice?: number;
  weight?: number;
  image?: string;
}

export interface SeededProduct {
  id: number;
  name: string;
  minPrice: number;
  skus: Array<{ id: number; specValues: Record<string, string>; price: number; stock: number }>;
}

/** A product; without specs it has one SKU (price 1000, stock 10 unless given). */
export async function seedProduct(
  admin: ApiClient,
  input: { categoryId: number; name?: string; status?: 'ON_SALE' | 'OFF_SALE'; specs?: Array<{ name: string; values: string[] }>; skus?: SeedSku[]; images?: string[] },
): Promise<SeededProduct> {
  const specs = input.specs ?? [];
  const skus = (input.skus ?? [{}]).map((s) => ({ specValues: {}, price: 1000, stock: 10, ...s }));
  const res = await admin
    .post('/api/v1/admin/products', {
      name: input.name ?? 'Product',
      categoryId: input.categoryId,
      status: input.status ?? 'ON_SALE',
      specs,
      skus,
      ...(input.images ? { images: input.images } : {}),
    })
    .expect(201);
  return res.body as SeededProduct;
}

/** 颜色 × 尺码 with the combinations given (price and stock per SKU). */
export const COLOUR_SIZE = [
  { name: '颜色', values: ['红', '蓝'] },
  { name: '尺码', values: ['S', 'M'] },
];

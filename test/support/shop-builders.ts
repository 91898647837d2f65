import type { ApiClient } from './clients';

/**
 * Seeds a shop through the staff API (the same calls an admin console makes), so tests start from
 * real categories, products, stores and addresses. The one set of builders for every test file.
 */

export async function seedCategory(admin: ApiClient, name = `Cat ${Math.random().toString(36).slice(2, 8)}`, parentId?: number, extra: Record<string, unknown> = {}): Promise<number> {
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

export interface SeedProductInput {
  /** A new category when left out. */
  categoryId?: number;
  name?: string;
  status?: 'ON_SALE' | 'OFF_SALE';
  description?: string;
  images?: string[];
  /** With `skus`: the spec groups the SKUs combine (none by default). */
  specs?: Array<{ name: string; values: string[] }>;
  /** The SKUs in full; without them, one SKU per price of `prices`. */
  skus?: SeedSku[];
  /** Shorthand for `skus`: one SKU per price (default [1000]); two or more make a 规格 group V1..Vn. */
  prices?: number[];
  /** Stock of each SKU that does not say its own (default 100). */
  stock?: number;
}

/** The product as the staff API answered, plus `productId` / `skuIds` for short. */
export interface SeededProduct {
  id: number;
  productId: number;
  name: string;
  minPrice: number;
  skus: Array<{ id: number; specValues: Record<string, string>; price: number; stock: number }>;
  skuIds: number[];
}

export async function seedProduct(admin: ApiClient, input: SeedProductInput = {}): Promise<SeededProduct> {
  const categoryId = input.categoryId ?? (await seedCategory(admin));
  const stock = input.stock ?? 100;
  let specs = input.specs ?? [];
  let skus: SeedSku[];
  if (input.skus) {
    skus = input.skus.map((s) => ({ specValues: {}, price: 1000, stock, ...s }));
  } else {
    const prices = input.prices ?? [1000];
    const values = prices.map((_, i) => `V${i + 1}`);
    if (prices.length > 1) specs = [{ name: '规格', values }];
    skus = prices.map((price, i): SeedSku => ({ specValues: prices.length > 1 ? { 规格: values[i] } : {}, price, stock }));
  }
  const res = await admin
    .post('/api/v1/admin/products', {
      name: input.name ?? `Product ${Math.random().toString(36).slice(2, 8)}`,
      categoryId,
      status: input.status ?? 'ON_SALE',
      specs,
      skus,
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.images ? { images: input.images } : {}),
    })
    .expect(201);
  const body = res.body as Omit<SeededProduct, 'productId' | 'skuIds'>;
  return { ...body, productId: body.id, skuIds: body.skus.map((s) => s.id) };
}

/** 颜色 × 尺码 with the combinations given (price and stock per SKU). */
export const COLOUR_SIZE = [
  { name: '颜色', values: ['红', '蓝'] },
  { name: '尺码', values: ['S', 'M'] },
];

/** A store open around the clock that offers every service mode, at People's Square, Shanghai. */
export async function seedStore(
  admin: ApiClient,
  options: { status?: 'OPEN' | 'CLOSED'; serviceModes?: string[]; deliveryRadiusMeters?: number; localDeliveryFee?: number; businessHours?: unknown[] } = {},
): Promise<number> {
  const res = await admin
    .post('/api/v1/admin/stores', {
      name: `Store ${Math.random().toString(36).slice(2, 8)}`,
      address: '上海市黄浦区人民大道 100 号',
      latitude: 31.2304,
      longitude: 121.4737,
      phone: '021-12345678',
      businessHours: options.businessHours ?? [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '23:59' })),
      deliveryRadiusMeters: options.deliveryRadiusMeters ?? 5000,
      serviceModes: options.serviceModes ?? ['EXPRESS', 'LOCAL_DELIVERY', 'PICKUP', 'DINE_IN'],
      status: options.status ?? 'OPEN',
      ...(options.localDeliveryFee !== undefined ? { localDeliveryFee: options.localDeliveryFee } : {}),
    })
    .expect(201);
  return res.body.id;
}

/** An address near People's Square (about 1 km from the seeded store), or far away. */
export async function seedAddress(shopper: ApiClient, options: { far?: boolean; withCoordinates?: boolean } = {}): Promise<number> {
  const coordinates = options.withCoordinates === false ? {} : options.far ? { latitude: 39.9042, longitude: 116.4074 } : { latitude: 31.2397, longitude: 121.4998 };
  const res = await shopper
    .post('/api/v1/app/addresses', {
      receiverName: '张三',
      phone: '13800138000',
      province: '上海市',
      city: '上海市',
      district: '黄浦区',
      detail: '南京东路 1 号',
      ...coordinates,
    })
    .expect(201);
  return res.body.id;
}

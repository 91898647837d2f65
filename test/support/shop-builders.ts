import type { ApiClient } from './clients';

/**
 * Seeds a small shop through the staff API (the same calls an admin console makes), so ordering
 * tests start from real categories, products, stores and addresses.
 */
export interface SeededProduct {
  productId: number;
  skuIds: number[];
}

export async function seedCategory(admin: ApiClient, name = `Cat ${Math.random().toString(36).slice(2, 8)}`): Promise<number> {
  const res = await admin.post('/api/v1/admin/categories', { name }).expect(201);
  return res.body.id;
}

export async function seedProduct(
  admin: ApiClient,
  options: { categoryId?: number; prices?: number[]; stock?: number; name?: string } = {},
): Promise<SeededProduct> {
  const categoryId = options.categoryId ?? (await seedCategory(admin));
  const prices = options.prices ?? [1000];
  const values = prices.map((_, i) => `V${i + 1}`);
  const res = await admin
    .post('/api/v1/admin/products', {
      name: options.name ?? `Product ${Math.random().toString(36).slice(2, 8)}`,
      categoryId,
      description: 'A product made by a test',
      images: ['https://img.example.com/p.jpg'],
      status: 'ON_SALE',
      specs: [{ name: '规格', values }],
      skus: prices.map((price, i) => ({ specValues: { 规格: values[i] }, price, stock: options.stock ?? 100 })),
    })
    .expect(201);
  return { productId: res.body.id, skuIds: res.body.skus.map((s: { id: number }) => s.id) };
}

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

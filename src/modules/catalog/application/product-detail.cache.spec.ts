import { MemoryProductDetailCache } from './product-detail.cache';
import type { ProductDetailStatic } from './product.views';

const product = (id: number): ProductDetailStatic => ({
  id,
  name: `p${id}`,
  description: null,
  images: [],
  videos: [],
  mainImage: null,
  categoryId: 1,
  specs: [],
  minPrice: 100,
  maxPrice: 100,
  sales: 0,
  status: 'ON_SALE',
  skus: [],
});

describe('in-process product detail cache', () => {
  it('returns what was stored until invalidated', async () => {
    const cache = new MemoryProductDetailCache(10, 60_000);
    await cache.set(1, product(1));
    expect(await cache.get(1)).toEqual(product(1));
    await cache.invalidate(1);
    expect(await cache.get(1)).toBeNull();
  });

  it('hands out copies, so a caller cannot change the cached entry', async () => {
    const cache = new MemoryProductDetailCache(10, 60_000);
    await cache.set(1, product(1));
    (await cache.get(1))!.name = 'changed';
    expect((await cache.get(1))!.name).toBe('p1');
  });

  it('evicts the least recently used entry beyond its size', async () => {
    const cache = new MemoryProductDetailCache(2, 60_000);
    await cache.set(1, product(1));
    await cache.set(2, product(2));
    await cache.get(1);
    await cache.set(3, product(3));
    expect(await cache.get(2)).toBeNull();
    expect(await cache.get(1)).not.toBeNull();
    expect(await cache.get(3)).not.toBeNull();
  });

  it('forgets entries after their time to live', async () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      const cache = new MemoryProductDetailCache(10, 5_000);
      await cache.set(1, product(1));
      now.mockReturnValue(1_004_999);
      expect(await cache.get(1)).not.toBeNull();
      now.mockReturnValue(1_005_000);
      expect(await cache.get(1)).toBeNull();
    } finally {
      now.mockRestore();
    }
  });
});

import { In } from 'typeorm';
import { assertStoreInScope, canAccessStore, storeScopeWhere } from './store-scope';

describe('store scope', () => {
  const all = { storeIds: null };
  const some = { storeIds: [2, 5] as readonly number[] };

  it('lets an all-store account see every store and store-less resources', () => {
    expect(canAccessStore(all, 7)).toBe(true);
    expect(canAccessStore(all, null)).toBe(true);
    expect(storeScopeWhere(all)).toEqual({});
  });

  it('limits a scoped account to its stores and hides store-less resources', () => {
    expect(canAccessStore(some, 5)).toBe(true);
    expect(canAccessStore(some, 3)).toBe(false);
    expect(canAccessStore(some, null)).toBe(false);
    expect(storeScopeWhere(some)).toEqual({ storeId: In([2, 5]) });
    expect(storeScopeWhere(some, 'shopStoreId')).toEqual({ shopStoreId: In([2, 5]) });
  });

  it('answers an out-of-scope store with 404, not 403', () => {
    expect(() => assertStoreInScope(some, 3, 'Order')).toThrow(expect.objectContaining({ status: 404, code: 'NOT_FOUND', message: 'Order not found' }));
    expect(() => assertStoreInScope(some, 2, 'Order')).not.toThrow();
  });

  it('matches nothing for an empty scope', () => {
    expect(storeScopeWhere({ storeIds: [] })).toEqual({ storeId: In([-1]) });
  });
});

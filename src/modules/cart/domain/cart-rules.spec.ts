import { DomainError } from '../../../shared/domain/domain-error';
import { assertLineQuantity, assertRoomForLine, CART_LIMITS, unavailableReason } from './cart-rules';

const onSale = { productStatus: 'ON_SALE', productDeleted: false, skuDeleted: false, stock: 5 };

describe('cart line availability', () => {
  it('is available on sale with enough stock', () => {
    expect(unavailableReason(onSale, 5)).toBeNull();
  });

  it('names the first reason that applies: deleted, off sale, out of stock, not enough stock', () => {
    expect(unavailableReason(undefined, 1)).toBe('DELETED');
    expect(unavailableReason({ ...onSale, productDeleted: true, productStatus: 'OFF_SALE' }, 1)).toBe('DELETED');
    expect(unavailableReason({ ...onSale, skuDeleted: true }, 1)).toBe('DELETED');
    expect(unavailableReason({ ...onSale, productStatus: 'OFF_SALE', stock: 0 }, 1)).toBe('OFF_SALE');
    expect(unavailableReason({ ...onSale, stock: 0 }, 1)).toBe('OUT_OF_STOCK');
    expect(unavailableReason({ ...onSale, stock: 2 }, 3)).toBe('INSUFFICIENT_STOCK');
  });
});

describe('cart limits', () => {
  it('allows up to the per-line cap and refuses one more', () => {
    expect(() => assertLineQuantity(CART_LIMITS.maxQuantityPerLine)).not.toThrow();
    expect(() => assertLineQuantity(CART_LIMITS.maxQuantityPerLine + 1)).toThrow(expect.objectContaining({ status: 400, code: 'CART_QUANTITY_EXCEEDED' }));
  });

  it('refuses a new line once the cart holds the maximum number of lines', () => {
    expect(() => assertRoomForLine(CART_LIMITS.maxLines - 1)).not.toThrow();
    let error: unknown;
    try {
      assertRoomForLine(CART_LIMITS.maxLines);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ status: 409, code: 'CART_FULL' });
  });
});

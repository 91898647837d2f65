import { BadRequestError, ConflictError, DomainError } from '../../../shared/domain/domain-error';
import type { UnavailableReason } from './unavailable-reason';

export class SkuNotFoundError extends DomainError {
  constructor(skuId: number) {
    super(404, 'NOT_FOUND', { zh: '商品规格不存在', en: 'SKU not found' }, { skuId });
  }
}

export class CartItemNotFoundError extends DomainError {
  constructor(itemId: number) {
    super(404, 'NOT_FOUND', { zh: '购物车中没有这件商品', en: 'Cart item not found' }, { itemId });
  }
}

/** 409 PRODUCT_UNAVAILABLE: off sale or deleted. */
export class CartProductUnavailableError extends ConflictError {
  constructor(skuId: number, reason: UnavailableReason | null) {
    super('PRODUCT_UNAVAILABLE', { zh: '该商品已下架', en: 'This product is not on sale' }, { skuId, reason });
  }
}

/** 409 OUT_OF_STOCK: more units than the stock holds. */
export class CartOutOfStockError extends ConflictError {
  constructor(skuId: number, available: number) {
    super(
      'OUT_OF_STOCK',
      available > 0 ? { zh: `库存仅剩 ${available} 件`, en: `Only ${available} left` } : { zh: '已售罄', en: 'Sold out' },
      { skuId, available },
    );
  }
}

/** 400 CART_QUANTITY_EXCEEDED past the per-line cap. */
export class CartQuantityExceededError extends BadRequestError {
  constructor(max: number, quantity: number) {
    super('CART_QUANTITY_EXCEEDED', { zh: `每件商品最多加购 ${max} 件`, en: `A cart line holds at most ${max} units` }, { max, quantity });
  }
}

/** 409 CART_FULL past the per-cart line cap. */
export class CartFullError extends ConflictError {
  constructor(max: number) {
    super('CART_FULL', { zh: `购物车最多容纳 ${max} 种商品`, en: `A cart holds at most ${max} lines` }, { max });
  }
}

/** A message in the languages the API answers in: zh-CN (the default) and en. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/**
 * A business rule refused the request. Domain and application code throw these (never Nest
 * HttpExceptions); the global filter maps them to the contract's error body, with `message` in the
 * language the request asks for (`Accept-Language`, zh-CN by default). `code` is the machine key.
 * `Error.message` holds the English text, for logs.
 */
export class DomainError extends Error {
  readonly text: LocalizedText;

  constructor(
    readonly status: number,
    readonly code: string,
    message: LocalizedText | string,
    readonly details?: unknown,
  ) {
    const text = typeof message === 'string' ? { zh: message, en: message } : message;
    super(text.en);
    this.text = text;
    this.name = new.target.name;
  }

  /** The body's `details` in the answer language (validation errors translate their field messages). */
  detailsIn(_language: keyof LocalizedText): unknown {
    return this.details;
  }
}

/** Chinese names of the resources modules still name in English only. */
const RESOURCE_NAMES_ZH: Record<string, string> = {
  Address: '收货地址',
  'After-sale': '售后单',
  'Cart item': '购物车商品',
  Category: '商品分类',
  Order: '订单',
  'Order items': '订单商品',
  Product: '商品',
  Role: '角色',
  SKU: '商品规格',
  Shopper: '用户',
  'Staff account': '员工账号',
  Store: '门店',
};

/** `what` names the missing resource, e.g. `{ zh: '订单', en: 'Order' }`. */
export class NotFoundError extends DomainError {
  constructor(what: LocalizedText | string, details?: unknown) {
    const name = typeof what === 'string' ? { zh: RESOURCE_NAMES_ZH[what] ?? '资源', en: what } : what;
    super(404, 'NOT_FOUND', { zh: `${name.zh}不存在`, en: `${name.en} not found` }, details);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: LocalizedText | string, details?: unknown) {
    super(409, code, message, details);
  }
}

export class BadRequestError extends DomainError {
  constructor(code: string, message: LocalizedText | string, details?: unknown) {
    super(400, code, message, details);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message: LocalizedText | string = { zh: '请先登录', en: 'Authentication required' }, code = 'UNAUTHORIZED') {
    super(401, code, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: LocalizedText | string = { zh: '没有执行此操作的权限', en: 'You do not have permission to do this' }) {
    super(403, 'FORBIDDEN', message);
  }
}

export class RateLimitedError extends DomainError {
  constructor(message: LocalizedText | string = { zh: '请求过于频繁，请稍后再试', en: 'Too many requests, try again later' }, details?: unknown) {
    super(429, 'RATE_LIMITED', message, details);
  }
}

/** An external system (WeChat, WeChat Pay, a courier) failed; nothing was changed locally. */
export class UpstreamError extends DomainError {
  constructor(message: LocalizedText | string, details?: unknown) {
    super(502, 'UPSTREAM_ERROR', message, details);
  }
}

export class ServiceUnavailableError extends DomainError {
  constructor(message: LocalizedText | string = { zh: '服务暂时不可用，请稍后再试', en: 'Service temporarily unavailable' }) {
    super(503, 'SERVICE_UNAVAILABLE', message);
  }
}

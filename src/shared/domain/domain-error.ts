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
}

export class NotFoundError extends DomainError {
  constructor(what: string, details?: unknown) {
    super(404, 'NOT_FOUND', `${what} not found`, details);
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
  constructor(message = 'Authentication required', code = 'UNAUTHORIZED') {
    super(401, code, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You do not have permission to do this') {
    super(403, 'FORBIDDEN', message);
  }
}

export class RateLimitedError extends DomainError {
  constructor(message = 'Too many requests, try again later', details?: unknown) {
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
  constructor(message = 'Service temporarily unavailable') {
    super(503, 'SERVICE_UNAVAILABLE', message);
  }
}

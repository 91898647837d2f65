import { ConflictError } from '../domain/domain-error';

export class IdempotencyKeyReusedError extends ConflictError {
  constructor() {
    super('IDEMPOTENCY_CONFLICT', { zh: '此 Idempotency-Key 已用于另一个不同的请求', en: 'This Idempotency-Key was already used with a different request' });
  }
}

export class IdempotencyKeyInFlightError extends ConflictError {
  constructor() {
    super('IDEMPOTENCY_CONFLICT', { zh: '使用此 Idempotency-Key 的请求仍在处理中', en: 'A request with this Idempotency-Key is still being processed' });
  }
}

import { DomainError, ServiceUnavailableError, UpstreamError } from '../../../../shared/domain/domain-error';
import { SignatureFailureReason } from './wechatpay-verifier';

/** What went wrong talking to WeChat Pay. */
export type WechatPayFailure =
  /** WeChat Pay answered with a non-2xx status (or 202, "try again with the same parameters"). */
  | 'API_ERROR'
  /** No answer: connection refused/reset, DNS, timeout. */
  | 'NETWORK_ERROR'
  /** The answer's signature did not verify: it is not trusted. */
  | 'INVALID_SIGNATURE'
  /** A verified 2xx answer whose body is not what the API documents. */
  | 'MALFORMED_RESPONSE';

/** Codes and statuses after which the same call may be repeated unchanged. */
const RETRYABLE_CODES = new Set(['SYSTEM_ERROR', 'FREQUENCY_LIMITED', 'RATELIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE', 'BANKERROR', 'USERPAYING']);

export interface WechatPayErrorInfo {
  /** WeChat Pay's own code (SYSTEM_ERROR, ORDERPAID, NOT_ENOUGH, ...) when it answered with one. */
  wechatCode?: string | null;
  wechatMessage?: string | null;
  httpStatus?: number | null;
  /** The answer's Request-ID header, to quote to WeChat Pay support. */
  requestId?: string | null;
  /** INVALID_SIGNATURE: which check the answer failed. */
  signatureFailure?: SignatureFailureReason;
}

/**
 * WeChat Pay failed or could not be trusted (502 UPSTREAM_ERROR). `details` carries
 * `{ code, message, httpStatus, requestId }` (code = WeChat's code, else the failure kind) for the
 * error body and the logs. `retryable` says the same call may simply be repeated later.
 */
export class WechatPayError extends UpstreamError {
  readonly wechatCode: string | null;
  readonly httpStatus: number | null;
  readonly requestId: string | null;
  readonly signatureFailure: SignatureFailureReason | null;
  readonly retryable: boolean;

  constructor(
    readonly failure: WechatPayFailure,
    info: WechatPayErrorInfo = {},
  ) {
    const wechatCode = info.wechatCode ?? null;
    const httpStatus = info.httpStatus ?? null;
    super(
      failure === 'API_ERROR'
        ? `WeChat Pay answered ${httpStatus} ${wechatCode ?? ''}`.trim()
        : failure === 'NETWORK_ERROR'
          ? 'WeChat Pay could not be reached'
          : failure === 'INVALID_SIGNATURE'
            ? 'WeChat Pay answer failed signature verification'
            : 'WeChat Pay answer was not understood',
      { code: wechatCode ?? failure, message: info.wechatMessage ?? null, httpStatus, requestId: info.requestId ?? null },
    );
    this.wechatCode = wechatCode;
    this.httpStatus = httpStatus;
    this.requestId = info.requestId ?? null;
    this.signatureFailure = info.signatureFailure ?? null;
    this.retryable =
      failure === 'NETWORK_ERROR' ||
      (failure === 'API_ERROR' &&
        ((httpStatus !== null && (httpStatus === 202 || httpStatus === 429 || httpStatus >= 500)) ||
          (wechatCode !== null && RETRYABLE_CODES.has(wechatCode))));
  }
}

/** The merchant credentials are not set (WECHATPAY_MCHID empty): payment is switched off. */
export class WechatPayNotConfiguredError extends ServiceUnavailableError {
  constructor() {
    super('WeChat Pay is not configured on this server');
  }
}

/** Why a callback was refused. */
export type NotificationFailureReason = SignatureFailureReason | 'DECRYPT_FAILED' | 'MALFORMED';

/**
 * A callback that failed a check. It maps to 401 `{ code: "FAIL", message }`, the answer WeChat Pay
 * expects for a refused notification (it will deliver again); nothing may have been changed.
 */
export class WechatPayNotificationError extends DomainError {
  constructor(
    readonly reason: NotificationFailureReason,
    message: string,
  ) {
    super(401, 'FAIL', message);
  }
}

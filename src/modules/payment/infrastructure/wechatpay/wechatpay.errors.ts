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

/**
 * WeChat Pay failed or could not be trusted (502 UPSTREAM_ERROR). `wechatCode` is WeChat's own
 * code (e.g. SYSTEM_ERROR, ORDERPAID, NOT_ENOUGH) when it answered with one; `details` carries
 * `{ code, message, httpStatus, requestId }` for the error body and the logs.
 */
export class WechatPayError extends UpstreamError {
  readonly retryable: boolean;

  constructor(
    readonly failure: WechatPayFailure,
    readonly wechatCode: string | null,
    readonly httpStatus: number | null,
    wechatMessage: string | null,
    readonly requestId: string | null = null,
  ) {
    super(
      failure === 'API_ERROR'
        ? `WeChat Pay answered ${httpStatus} ${wechatCode ?? ''}`.trim()
        : failure === 'NETWORK_ERROR'
          ? 'WeChat Pay could not be reached'
          : failure === 'INVALID_SIGNATURE'
            ? 'WeChat Pay answer failed signature verification'
            : 'WeChat Pay answer was not understood',
      { code: wechatCode ?? failure, message: wechatMessage, httpStatus, requestId },
    );
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

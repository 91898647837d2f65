import { Logger } from '@nestjs/common';
import { PlatformCertificate, readCertificateList, normalizeSerial } from './platform-certificates';
import { WechatPayError, WechatPayNotConfiguredError } from './wechatpay.errors';
import { WechatPayLogger, WechatPaySettings } from './wechatpay.settings';
import {
  formatWechatPayTime,
  parseRefund,
  parseTransaction,
  PayloadShapeError,
  WechatPayRefund,
  WechatPayTransaction,
} from './wechatpay.types';
import { WechatPayKeyStore, PlatformKeySource } from './wechatpay-key-store';
import { WechatPayNotification, WechatPayNotificationParser } from './wechatpay-notification-parser';
import { createNonce, MerchantCredentials, paySignMessage, signRequest, signSha256WithRsa, unixSeconds } from './wechatpay-signer';
import { hasSignatureHeaders, HeaderSource, WechatPaySignatureError, WechatPaySignatureVerifier } from './wechatpay-verifier';

export interface JsapiPrepayInput {
  /** Our order number: 6–32 chars of [0-9A-Za-z_-|*]. */
  outTradeNo: string;
  /** Shown on the shopper's bill; cut to 127 characters. */
  description: string;
  amountFen: number;
  payerOpenid: string;
  /** After this the shopper can no longer pay (sent as RFC 3339 +08:00). */
  timeExpire: Date;
  notifyUrl: string;
  /** Echoed back in query answers and callbacks; at most 128 characters. */
  attach?: string;
}

/** The object the mini-program passes to `wx.requestPayment` (plus the appId it was signed with). */
export interface RequestPaymentParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export interface RefundInput {
  outTradeNo: string;
  /** Refund this transaction of the order (sent instead of out_trade_no), e.g. a second payment of it. */
  transactionId?: string;
  /** Unique per refund (e.g. per after-sale); retrying with the same number never refunds twice. */
  outRefundNo: string;
  /** Shown to the shopper; cut to 80 characters. */
  reason?: string;
  refundFen: number;
  /** The original payment's total (WeChat Pay checks it). */
  totalFen: number;
  notifyUrl?: string;
}

/**
 * - `CLOSED`: closed now or already closed (closing is re-entrant);
 * - `ORDER_PAID`: WeChat Pay says it was paid meanwhile (ORDERPAID) — query it and handle the payment;
 * - `ORDER_NOT_EXIST`: WeChat Pay never saw this order (no prepay reached it): nothing to close.
 */
export type CloseOrderResult = 'CLOSED' | 'ORDER_PAID' | 'ORDER_NOT_EXIST';

interface Answer {
  status: number;
  text: string;
  headers: Headers;
  requestId: string | null;
  /** The signature was checked and is valid. */
  verified: boolean;
}

/**
 * WeChat Pay API v3 for a direct merchant's mini-program (JSAPI) payments. Every request is signed
 * with the merchant key; every answer (2xx, and any signed error) is verified against the WeChat
 * Pay public key or platform certificate named by its serial before anything in it is used, and
 * no error code is acted upon (ORDER_NOT_EXIST → null, ORDERPAID → 'ORDER_PAID') unless verified.
 * Failures become WechatPayError (502 UPSTREAM_ERROR) and are logged with WeChat's code.
 * Provided by WechatPayModule from AppConfig.wechatPay and AppConfig.wechat.appId.
 */
export class WechatPayClient {
  private readonly settings: WechatPaySettings | null;
  private readonly keyStore: WechatPayKeyStore;
  private readonly verifier: WechatPaySignatureVerifier;
  private readonly notifications: WechatPayNotificationParser | null;
  private readonly logger: WechatPayLogger;
  private readonly now: () => number;

  constructor(settings: WechatPaySettings | null) {
    this.settings = settings;
    this.logger = settings?.logger ?? new Logger('WechatPay');
    this.now = settings?.now ?? Date.now;
    this.keyStore = new WechatPayKeyStore({
      loadCertificates: settings ? () => this.downloadCertificates() : undefined,
      minRefreshIntervalMs: settings?.certificateRefreshIntervalMs,
      now: this.now,
      onRefreshError: (error) => this.logger.warn(`WeChat Pay platform certificate download failed: ${describe(error)}`),
    });
    if (settings?.publicKey) this.keyStore.addPublicKey(settings.publicKey.id, settings.publicKey.key);
    this.verifier = new WechatPaySignatureVerifier(this.keyStore, this.now);
    this.notifications = settings ? new WechatPayNotificationParser(this.verifier, settings.apiV3Key) : null;
  }

  /** False when WECHATPAY_MCHID is unset: every call then throws WechatPayNotConfiguredError (503). */
  get configured(): boolean {
    return this.settings !== null;
  }

  get appId(): string {
    return this.require().appId;
  }

  get mchId(): string {
    return this.require().mchId;
  }

  /** True when a transaction (from a query or a callback) belongs to this merchant and mini-program. */
  isOwnTransaction(tx: { appid?: unknown; mchid?: unknown }): boolean {
    const s = this.require();
    return tx.appid === s.appId && tx.mchid === s.mchId;
  }

  /** `POST /v3/pay/transactions/jsapi`. Re-sending identical parameters for an unpaid order is allowed. */
  async jsapiPrepay(input: JsapiPrepayInput): Promise<{ prepayId: string }> {
    const s = this.require();
    assertFen(input.amountFen, 'amountFen');
    const body = {
      appid: s.appId,
      mchid: s.mchId,
      description: truncate(input.description, 127),
      out_trade_no: input.outTradeNo,
      time_expire: formatWechatPayTime(input.timeExpire),
      ...(input.attach !== undefined ? { attach: input.attach } : {}),
      notify_url: input.notifyUrl,
      amount: { total: input.amountFen, currency: 'CNY' },
      payer: { openid: input.payerOpenid },
    };
    const answer = await this.send('jsapiPrepay', 'POST', '/v3/pay/transactions/jsapi', body);
    this.expectStatus('jsapiPrepay', answer, [200]);
    const json = this.json('jsapiPrepay', answer) as { prepay_id?: unknown };
    if (typeof json.prepay_id !== 'string' || json.prepay_id === '') throw this.malformed('jsapiPrepay', answer, 'no prepay_id');
    return { prepayId: json.prepay_id };
  }

  /** The signed parameters for `wx.requestPayment` (paySign over appId, timeStamp, nonceStr, package). */
  requestPaymentParams(prepayId: string): RequestPaymentParams {
    const s = this.require();
    const timeStamp = String(unixSeconds(this.now()));
    const nonceStr = createNonce();
    const pkg = `prepay_id=${prepayId}`;
    const paySign = signSha256WithRsa(paySignMessage(s.appId, timeStamp, nonceStr, pkg), s.privateKey);
    return { appId: s.appId, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign };
  }

  /** `GET /v3/pay/transactions/out-trade-no/{no}?mchid=`; null when WeChat Pay answers ORDER_NOT_EXIST. */
  async queryByOutTradeNo(outTradeNo: string): Promise<WechatPayTransaction | null> {
    const s = this.require();
    const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(s.mchId)}`;
    const answer = await this.send('queryByOutTradeNo', 'GET', path);
    if (this.expectStatus('queryByOutTradeNo', answer, [200], ['ORDER_NOT_EXIST']) === 'ORDER_NOT_EXIST') return null;
    const tx = this.shape('queryByOutTradeNo', answer, parseTransaction);
    if (tx.out_trade_no !== outTradeNo) throw this.malformed('queryByOutTradeNo', answer, 'answer is for another out_trade_no');
    return tx;
  }

  /** `POST /v3/pay/transactions/out-trade-no/{no}/close` (204 when closed). */
  async closeOrder(outTradeNo: string): Promise<CloseOrderResult> {
    const s = this.require();
    const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`;
    const answer = await this.send('closeOrder', 'POST', path, { mchid: s.mchId });
    const accepted = this.expectStatus('closeOrder', answer, [200, 204], ['ORDERPAID', 'ORDER_NOT_EXIST']);
    if (accepted === 'ORDERPAID') return 'ORDER_PAID';
    if (accepted === 'ORDER_NOT_EXIST') return 'ORDER_NOT_EXIST';
    return 'CLOSED';
  }

  /** `POST /v3/refund/domestic/refunds` (by transaction_id when given, else out_trade_no); the same outRefundNo again returns the same refund. */
  async refund(input: RefundInput): Promise<WechatPayRefund> {
    this.require();
    assertFen(input.refundFen, 'refundFen');
    assertFen(input.totalFen, 'totalFen');
    const body = {
      ...(input.transactionId ? { transaction_id: input.transactionId } : { out_trade_no: input.outTradeNo }),
      out_refund_no: input.outRefundNo,
      ...(input.reason ? { reason: truncate(input.reason, 80) } : {}),
      ...(input.notifyUrl ? { notify_url: input.notifyUrl } : {}),
      amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
    };
    const answer = await this.send('refund', 'POST', '/v3/refund/domestic/refunds', body);
    this.expectStatus('refund', answer, [200]);
    const refund = this.shape('refund', answer, parseRefund);
    if (refund.out_refund_no !== input.outRefundNo) throw this.malformed('refund', answer, 'answer is for another out_refund_no');
    return refund;
  }

  /** `GET /v3/refund/domestic/refunds/{out_refund_no}`; null when WeChat Pay answers RESOURCE_NOT_EXISTS. */
  async queryRefund(outRefundNo: string): Promise<WechatPayRefund | null> {
    this.require();
    const answer = await this.send('queryRefund', 'GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`);
    if (this.expectStatus('queryRefund', answer, [200], ['RESOURCE_NOT_EXISTS']) === 'RESOURCE_NOT_EXISTS') return null;
    const refund = this.shape('queryRefund', answer, parseRefund);
    if (refund.out_refund_no !== outRefundNo) throw this.malformed('queryRefund', answer, 'answer is for another out_refund_no');
    return refund;
  }

  /**
   * Verifies and decrypts a callback from its headers and the raw request body (exactly as
   * received). Throws WechatPayNotificationError (401 FAIL) with the failed check as `reason`.
   */
  async parseNotification(headers: HeaderSource, rawBody: string | Buffer): Promise<WechatPayNotification> {
    this.require();
    return this.notifications!.parse(headers, rawBody);
  }

  /** Downloads the platform certificates now (normally they are fetched on the first unknown serial). */
  async refreshCertificates(): Promise<void> {
    this.require();
    await this.keyStore.refreshCertificates(true);
  }

  /** The serials this client can verify right now. */
  knownSerials(): Array<{ serial: string; source: PlatformKeySource }> {
    return this.keyStore.serials();
  }

  private require(): WechatPaySettings {
    if (!this.settings) throw new WechatPayNotConfiguredError();
    return this.settings;
  }

  /** Signs and sends one request; verifies the answer when it is 2xx or carries a signature. */
  private async send(operation: string, method: 'GET' | 'POST', pathAndQuery: string, payload?: object, verify = true): Promise<Answer> {
    const s = this.require();
    const url = new URL(s.apiBase + pathAndQuery);
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const credentials: MerchantCredentials = { mchId: s.mchId, serialNo: s.serialNo, privateKey: s.privateKey };
    const signed = signRequest(credentials, { method, url: url.pathname + url.search, body }, { timestamp: unixSeconds(this.now()) });
    const headers: Record<string, string> = {
      Authorization: signed.authorization,
      Accept: 'application/json',
      'User-Agent': 'wxshop-backend (WeChat Pay API v3 client; node)',
    };
    if (payload !== undefined) headers['Content-Type'] = 'application/json';
    // Naming our public-key id asks WeChat Pay to sign its answer with that key (see wechat.md §2.2).
    if (s.publicKey) headers['Wechatpay-Serial'] = s.publicKey.id;

    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: payload === undefined ? undefined : body,
        redirect: 'manual',
        signal: AbortSignal.timeout(s.timeoutMs ?? 10_000),
      });
      text = await response.text();
    } catch (error) {
      this.logger.warn(`WeChat Pay ${operation} failed: no answer (${describe(error)})`);
      throw new WechatPayError('NETWORK_ERROR');
    }
    const answer: Answer = { status: response.status, text, headers: response.headers, requestId: response.headers.get('request-id'), verified: false };
    const success = answer.status >= 200 && answer.status < 300;
    if (verify && (success || hasSignatureHeaders(answer.headers))) {
      await this.verifyAnswer(operation, answer);
      answer.verified = true;
    }
    return answer;
  }

  private async verifyAnswer(operation: string, answer: Answer): Promise<void> {
    try {
      await this.verifier.verify(answer.headers, answer.text);
    } catch (error) {
      if (!(error instanceof WechatPaySignatureError)) throw error;
      this.logger.error(
        `WeChat Pay ${operation}: answer ${answer.status} refused, signature check ${error.reason} (Request-ID ${answer.requestId ?? '-'})`,
      );
      throw new WechatPayError('INVALID_SIGNATURE', { signatureFailure: error.reason, httpStatus: answer.status, requestId: answer.requestId });
    }
  }

  /**
   * Returns normally for an expected status, returns the WeChat code when it is one of
   * `acceptedCodes` (only from a verified answer: the caller acts on it), and otherwise logs and
   * throws the WeChat error. Unsigned error answers (e.g. from a gateway) are still errors.
   */
  private expectStatus(operation: string, answer: Answer, statuses: number[], acceptedCodes: string[] = []): string | null {
    if (statuses.includes(answer.status)) return null;
    const { code, message } = errorBody(answer.text);
    if (code && acceptedCodes.includes(code) && answer.status >= 400) {
      if (answer.verified) return code;
      this.logger.error(`WeChat Pay ${operation}: unsigned ${answer.status} ${code} answer refused (Request-ID ${answer.requestId ?? '-'})`);
      throw new WechatPayError('INVALID_SIGNATURE', { signatureFailure: 'MISSING_HEADERS', wechatCode: code, httpStatus: answer.status, requestId: answer.requestId });
    }
    this.logger.warn(
      `WeChat Pay ${operation} failed: HTTP ${answer.status} ${code ?? '(no code)'}` +
        `${message ? ` "${truncate(message, 160)}"` : ''} (Request-ID ${answer.requestId ?? '-'})`,
    );
    throw new WechatPayError('API_ERROR', {
      wechatCode: code ?? (answer.status === 202 ? 'ACCEPTED' : null),
      wechatMessage: message,
      httpStatus: answer.status,
      requestId: answer.requestId,
    });
  }

  private json(operation: string, answer: Answer): unknown {
    try {
      return JSON.parse(answer.text);
    } catch {
      throw this.malformed(operation, answer, 'body is not JSON');
    }
  }

  private shape<T>(operation: string, answer: Answer, parse: (value: unknown) => T): T {
    try {
      return parse(this.json(operation, answer));
    } catch (error) {
      if (error instanceof PayloadShapeError) throw this.malformed(operation, answer, error.message);
      throw error;
    }
  }

  private malformed(operation: string, answer: Answer, why: string): WechatPayError {
    this.logger.error(`WeChat Pay ${operation}: unexpected answer (${why}) (Request-ID ${answer.requestId ?? '-'})`);
    return new WechatPayError('MALFORMED_RESPONSE', { httpStatus: answer.status, wechatMessage: why, requestId: answer.requestId });
  }

  /**
   * `GET /v3/certificates`: decrypts and checks each certificate, then verifies the answer itself
   * with a key already known or one of the certificates it carries (how the first download is trusted:
   * only WeChat Pay and we hold the APIv3 key that encrypted them).
   */
  private async downloadCertificates(): Promise<PlatformCertificate[]> {
    const s = this.require();
    // Verified below, once the certificates it carries are known (an error answer is refused anyway).
    const answer = await this.send('downloadCertificates', 'GET', '/v3/certificates', undefined, false);
    this.expectStatus('downloadCertificates', answer, [200]);
    let certificates: PlatformCertificate[];
    try {
      certificates = readCertificateList(this.json('downloadCertificates', answer), s.apiV3Key, new Date(this.now()));
    } catch (error) {
      if (error instanceof WechatPayError) throw error;
      throw this.malformed('downloadCertificates', answer, describe(error));
    }
    const verifier = new WechatPaySignatureVerifier(
      {
        resolve: async (serial) =>
          certificates.find((c) => normalizeSerial(c.serialNo) === normalizeSerial(serial))?.publicKey ?? this.keyStore.get(serial),
      },
      this.now,
    );
    try {
      await verifier.verify(answer.headers, answer.text);
    } catch (error) {
      if (!(error instanceof WechatPaySignatureError)) throw error;
      this.logger.error(`WeChat Pay downloadCertificates: answer refused, signature check ${error.reason}`);
      throw new WechatPayError('INVALID_SIGNATURE', { signatureFailure: error.reason, httpStatus: answer.status, requestId: answer.requestId });
    }
    this.logger.log(`WeChat Pay platform certificates loaded: ${certificates.map((c) => c.serialNo).join(', ')}`);
    return certificates;
  }
}

function errorBody(text: string): { code: string | null; message: string | null } {
  try {
    const json = JSON.parse(text) as { code?: unknown; message?: unknown };
    return {
      code: typeof json.code === 'string' && json.code ? json.code : null,
      message: typeof json.message === 'string' ? json.message : null,
    };
  } catch {
    return { code: null, message: null };
  }
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}

function assertFen(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number of fen >= 1, got ${value}`);
}

function describe(error: unknown): string {
  if (error instanceof WechatPayError) return `${error.failure} ${error.wechatCode ?? error.signatureFailure ?? ''}`.trim();
  const e = error as { name?: string; message?: string; cause?: { code?: string } };
  return [e?.name, e?.cause?.code ?? e?.message].filter(Boolean).join(': ') || String(error);
}

import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, request as httpRequest, Server, ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AddressInfo } from 'node:net';
import {
  AuthorizationFields,
  beijingTime,
  BodyReader,
  canonicalJson,
  CLOCK_WINDOW_SECONDS,
  encryptResource,
  paramError,
  parseAuthorization,
  platformSignatureHeaders,
  randomDigits,
  randomHex,
  RFC3339_WITH_OFFSET,
  verifyMerchantSignature,
  verifyPaySign,
  WechatPayFault,
} from './wechatpay-simulator-protocol';
import { createSelfSignedCertificate } from './x509-certificate';

/**
 * A protocol-faithful WeChat Pay API v3 (direct merchant, JSAPI) on node:http for tests and local
 * development. It verifies the merchant's request signatures, signs every answer with its own
 * platform key, keeps order and refund state, and calls the merchant back with encrypted, signed
 * notifications over real HTTP. Misbehaviour on demand: lost, duplicate, delayed and wrong-amount
 * callbacks, scripted error answers, forged/stale/probe/tampered answers and callbacks.
 *
 * Key modes (wechat.md §2.2):
 * - `public-key`: answers and callbacks are signed with the "WeChat Pay public key" (serial
 *   `PUB_KEY_ID_…`); /v3/certificates is refused like for a public-key-only merchant;
 * - `certificate`: signed with a platform certificate (40-hex serial) served, encrypted with the
 *   APIv3 key, by /v3/certificates;
 * - `both` (a switch): answers use the public key when the request names its id in
 *   `Wechatpay-Serial`, else the certificate; callbacks alternate (see `callbackSigner`).
 */

export type WechatPaySimulatorMode = 'public-key' | 'certificate' | 'both';
export type SimTradeState = 'NOTPAY' | 'SUCCESS' | 'REFUND' | 'CLOSED';
export type SimRefundStatus = 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';

export interface WechatPaySimulatorKeys {
  /** The merchant API private key (PKCS#8 PEM); the simulator verifies with its public half. */
  merchantPrivateKey: string;
  /** The private half of the "WeChat Pay public key" (public-key mode). */
  publicKeyPrivateKey: string;
  /** The private key of the platform certificate (certificate mode). */
  certificatePrivateKey: string;
}

export interface WechatPaySimulatorOptions {
  /** Fixed port (default: a random free one). */
  port?: number;
  host?: string;
  mode?: WechatPaySimulatorMode;
  mchId?: string;
  appId?: string;
  apiV3Key?: string;
  merchantSerialNo?: string;
  publicKeyId?: string;
  /** Serial of the (first) platform certificate, 40 hex. */
  certificateSerialNo?: string;
  /** Reuse keys (e.g. persisted by a launcher) instead of generating fresh ones. */
  keys?: Partial<WechatPaySimulatorKeys>;
  /** HTTP status of ORDERPAID answers (unsure in the docs: 400 or 403). Default 400. */
  orderPaidStatus?: 400 | 403;
  /** Refuse notify_url values that are not https (the real service does). Default false. */
  requireHttpsNotifyUrl?: boolean;
  /** Status of a new refund. Default PROCESSING. */
  refundInitialStatus?: 'PROCESSING' | 'SUCCESS';
  /** A callback not answered within this time counts as failed. Default 5000 ms. */
  callbackTimeoutMs?: number;
  /** Redeliveries after a failed callback (the real schedule is 15 s, 15 s, 30 s, 3 min, ...). Default none. */
  callbackRetryDelaysMs?: number[];
  /** Mode `both`: which key signs callbacks. Default `alternate`. */
  callbackSigner?: 'public-key' | 'certificate' | 'alternate';
}

export interface SimOrder {
  outTradeNo: string;
  appid: string;
  mchid: string;
  description: string;
  attach?: string;
  notifyUrl: string;
  timeExpire?: string;
  total: number;
  openid: string;
  prepayId: string;
  /** Canonical JSON of the first prepay body (re-prepay must be identical). */
  prepayBody: string;
  tradeState: SimTradeState;
  transactionId?: string;
  successTime?: string;
  /** What WeChat Pay reports as paid (differs from `total` after `pay(..., { amountOverride })`). */
  reportedTotal?: number;
  /** Extra fields reported in the transaction (e.g. another appid), set by `pay(..., { transactionPatch })`. */
  transactionPatch?: Record<string, unknown>;
  createdAt: Date;
}

export interface SimRefund {
  refundId: string;
  outRefundNo: string;
  outTradeNo: string;
  transactionId: string;
  refund: number;
  total: number;
  reason?: string;
  notifyUrl?: string;
  status: SimRefundStatus;
  createTime: string;
  successTime?: string;
  requestBody: string;
}

export interface SimRequest {
  method: string;
  /** The raw request target (path + query), as signed. */
  url: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json?: unknown;
  status: number;
  code?: string;
  at: Date;
}

export interface CallbackDelivery {
  eventType: string;
  notificationId: string;
  url: string;
  /** HTTP status of the merchant's answer; null when it did not answer. */
  status: number | null;
  acknowledged: boolean;
  responseBody: string;
  error?: string;
  attempt: number;
  at: Date;
}

export interface DeliveryOptions {
  /** false: the callback is lost (state changes, nothing is sent). */
  deliver?: boolean;
  /** Deliver the same notification this many times (duplicates). Default 1. */
  times?: number;
  /** With `times` > 1: send the duplicates at once rather than one after another. */
  parallel?: boolean;
  /** Wait this long before delivering. */
  delayMs?: number;
}

export interface PayOptions extends DeliveryOptions {
  /** Report this amount (fen) as paid, in the callback and in queries: the "wrong amount" case. */
  amountOverride?: number;
  /** Extra/overriding transaction fields, in the callback and in queries (e.g. `{ appid: 'wxother' }`). */
  transactionPatch?: Record<string, unknown>;
}

/** How a built callback is falsified. */
export type CallbackForgery =
  /** Signed by a key that is not WeChat Pay's, under WeChat Pay's serial. */
  | 'wrong-key'
  /** Correctly signed, but 10 minutes old. */
  | 'stale'
  /** `WECHATPAY/SIGNTEST/…`: WeChat Pay's own probe traffic. */
  | 'probe'
  /** Correctly signed, then the body was changed (the resource re-encrypted with another amount). */
  | 'tampered'
  /** Signed by an unknown key id. */
  | 'unknown-serial'
  /** No Wechatpay-* headers at all. */
  | 'missing-headers'
  /** Correctly signed, but the resource was encrypted with another APIv3 key. */
  | 'wrong-apiv3-key';

/** How answers are falsified by `forgeNextResponses`. */
export type ResponseForgery = 'wrong-key' | 'stale' | 'unknown-serial' | 'no-signature' | 'tampered-body';

export interface PreparedCallback {
  url: string;
  headers: Record<string, string>;
  body: string;
  eventType: string;
  notificationId: string;
}

interface Signer {
  serial: string;
  privateKey: KeyObject;
}

interface PlatformCertificate extends Signer {
  pem: string;
  effectiveTime: Date;
  expireTime: Date;
}

interface ScriptedFailure {
  remaining: number;
  status: number;
  code: string;
  message: string;
  path?: string | RegExp;
}

const PATHS = {
  jsapi: /^\/v3\/pay\/transactions\/jsapi$/,
  queryByOutTradeNo: /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/,
  queryById: /^\/v3\/pay\/transactions\/id\/([^/]+)$/,
  close: /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/,
  refunds: /^\/v3\/refund\/domestic\/refunds$/,
  refund: /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/,
  certificates: /^\/v3\/certificates$/,
};

const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;

function matches(pattern: string | RegExp | undefined, path: string): boolean {
  return pattern === undefined || (typeof pattern === 'string' ? pattern === path : pattern.test(path));
}

function pemOf(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function newKey(pem?: string): KeyObject {
  return pem ? createPrivateKey(pem) : generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

/** A positive 20-byte serial (first byte < 0x80), 40 hex upper case like real platform certificates. */
function certificateSerial(): string {
  const bytes = randomBytes(20);
  bytes[0] = (bytes[0] % 0x7f) + 1;
  return bytes.toString('hex').toUpperCase();
}

export class WechatPaySimulator {
  readonly mode: WechatPaySimulatorMode;
  readonly mchId: string;
  readonly appId: string;
  readonly apiV3Key: string;
  readonly merchantSerialNo: string;
  readonly publicKeyId: string;

  /** Every request received, in order. */
  readonly requests: SimRequest[] = [];
  /** Every callback delivery attempt, in order. */
  readonly callbacks: CallbackDelivery[] = [];

  private readonly options: WechatPaySimulatorOptions;
  private readonly merchantKey: KeyObject;
  private readonly merchantPublicKey: KeyObject;
  private readonly publicKeySigner: Signer;
  private readonly certificates: PlatformCertificate[] = [];
  private readonly ordersByNo = new Map<string, SimOrder>();
  private readonly refundsByNo = new Map<string, SimRefund>();
  private readonly failures: ScriptedFailure[] = [];
  private readonly forgeries: Array<{ forgery: ResponseForgery; path?: string | RegExp }> = [];
  private readonly pending = new Set<Promise<unknown>>();
  /** Pending sleeps (delayed callbacks, redeliveries); `stop()` ends them early. */
  private readonly sleeps = new Map<NodeJS.Timeout, () => void>();
  private stopping = false;
  private readonly intruderKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  private callbackCount = 0;
  private server: Server | null = null;
  private port = 0;

  constructor(options: WechatPaySimulatorOptions = {}) {
    this.options = options;
    this.mode = options.mode ?? 'public-key';
    this.mchId = options.mchId ?? `19${randomDigits(8)}`;
    this.appId = options.appId ?? `wx${randomBytes(8).toString('hex')}`;
    this.apiV3Key = options.apiV3Key ?? randomBytes(16).toString('hex');
    if (Buffer.byteLength(this.apiV3Key) !== 32) throw new Error('apiV3Key must be 32 bytes');
    this.merchantSerialNo = options.merchantSerialNo ?? randomHex(20);
    this.publicKeyId = options.publicKeyId ?? `PUB_KEY_ID_01${randomDigits(32)}`;
    this.merchantKey = newKey(options.keys?.merchantPrivateKey);
    this.merchantPublicKey = createPublicKey(this.merchantKey);
    this.publicKeySigner = { serial: this.publicKeyId, privateKey: newKey(options.keys?.publicKeyPrivateKey) };
    if (this.mode !== 'public-key') {
      this.certificates.push(this.issueCertificate(newKey(options.keys?.certificatePrivateKey), options.certificateSerialNo ?? certificateSerial()));
    }
  }

  // ---------------------------------------------------------------- lifecycle and configuration

  async start(): Promise<this> {
    if (this.server) return this;
    this.stopping = false;
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error) => {
        if (!res.headersSent) res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  /** Stops listening, drops delayed callbacks and redeliveries, and waits for deliveries in flight. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const [timer, wake] of this.sleeps) {
      clearTimeout(timer);
      wake();
    }
    this.sleeps.clear();
    await this.idle();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves when no callback is being delivered (delayed ones included). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  get baseUrl(): string {
    if (!this.server) throw new Error('the WeChat Pay simulator is not started');
    return `http://${this.options.host ?? '127.0.0.1'}:${this.port}`;
  }

  /** The serial of the certificate currently signing (certificate and both modes). */
  get certificateSerialNo(): string | null {
    return this.certificates.at(-1)?.serial ?? null;
  }

  get publicKeyPem(): string {
    return createPublicKey(this.publicKeySigner.privateKey).export({ type: 'spki', format: 'pem' }).toString();
  }

  get merchantPrivateKeyPem(): string {
    return pemOf(this.merchantKey);
  }

  /** The private keys in use, so a launcher can persist them and pass them back as `keys`. */
  exportKeys(): WechatPaySimulatorKeys {
    return {
      merchantPrivateKey: pemOf(this.merchantKey),
      publicKeyPrivateKey: pemOf(this.publicKeySigner.privateKey),
      certificatePrivateKey: this.certificates.length > 0 ? pemOf(this.certificates.at(-1)!.privateKey) : '',
    };
  }

  /**
   * The environment the app needs to talk to this simulator (WECHAT_APPID and WECHATPAY_*).
   * WECHATPAY_NOTIFY_BASE_URL is the app's own address, so it is included only when given.
   */
  appEnv(options: { notifyBaseUrl?: string } = {}): Record<string, string> {
    return {
      WECHAT_APPID: this.appId,
      WECHATPAY_MCHID: this.mchId,
      WECHATPAY_SERIAL_NO: this.merchantSerialNo,
      WECHATPAY_PRIVATE_KEY: this.merchantPrivateKeyPem,
      WECHATPAY_APIV3_KEY: this.apiV3Key,
      WECHATPAY_API_BASE: this.baseUrl,
      ...(this.mode !== 'certificate' ? { WECHATPAY_PUBLIC_KEY: this.publicKeyPem, WECHATPAY_PUBLIC_KEY_ID: this.publicKeyId } : {}),
      ...(options.notifyBaseUrl ? { WECHATPAY_NOTIFY_BASE_URL: options.notifyBaseUrl } : {}),
    };
  }

  /** `NAME="value"` lines for a .env file or a terminal (PEM newlines written as \n, which the config reads back). */
  envLines(options: { notifyBaseUrl?: string } = {}): string[] {
    return Object.entries(this.appEnv(options)).map(([k, v]) => `${k}="${v.replace(/\n/g, '\\n')}"`);
  }

  // ---------------------------------------------------------------- misbehaviour on demand

  /** The next `count` API requests (certificates excluded unless `path` says so) get this error answer. */
  failNext(count: number, failure: { status: number; code: string; message?: string; path?: string | RegExp }): void {
    this.failures.push({ remaining: count, status: failure.status, code: failure.code, message: failure.message ?? '系统错误', path: failure.path });
  }

  /** The next `count` answers (to requests for `path`, when given) are falsified this way, to test the client's verifier. */
  forgeNextResponses(count: number, forgery: ResponseForgery, path?: string | RegExp): void {
    for (let i = 0; i < count; i += 1) this.forgeries.push({ forgery, path });
  }

  /** Certificate modes: issue a new platform certificate that signs from now on; the old one is still served. */
  rotateCertificate(): string {
    if (this.mode === 'public-key') throw new Error('no platform certificates in public-key mode');
    const certificate = this.issueCertificate(newKey(), certificateSerial());
    this.certificates.push(certificate);
    return certificate.serial;
  }

  // ---------------------------------------------------------------- the shopper and WeChat Pay's back office

  /**
   * The shopper paid: the order becomes SUCCESS and a TRANSACTION.SUCCESS callback goes to the
   * prepay's notify_url. The state changes at once; the promise settles when the deliveries are done.
   */
  pay(outTradeNo: string, options: PayOptions = {}): Promise<CallbackDelivery[]> {
    const order = this.ordersByNo.get(outTradeNo);
    if (!order) throw new Error(`no order ${outTradeNo} at the WeChat Pay simulator`);
    if (order.tradeState !== 'NOTPAY') throw new Error(`order ${outTradeNo} is ${order.tradeState}, cannot be paid`);
    if (order.timeExpire && Date.parse(order.timeExpire) < Date.now()) throw new Error(`order ${outTradeNo} expired at ${order.timeExpire}`);
    order.tradeState = 'SUCCESS';
    order.transactionId = `4200${randomDigits(24)}`;
    order.successTime = beijingTime();
    order.reportedTotal = options.amountOverride ?? order.total;
    order.transactionPatch = options.transactionPatch;
    return this.notify(this.prepareTransactionCallback(order), options);
  }

  /** Time passed: an unpaid order is closed by WeChat Pay. */
  expire(outTradeNo: string): void {
    const order = this.ordersByNo.get(outTradeNo);
    if (!order || order.tradeState !== 'NOTPAY') throw new Error(`order ${outTradeNo} is not an unpaid order`);
    order.tradeState = 'CLOSED';
  }

  /** A refund reached its end: REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED goes to the refund's notify_url. */
  completeRefund(outRefundNo: string, status: 'SUCCESS' | 'ABNORMAL' | 'CLOSED', options: DeliveryOptions = {}): Promise<CallbackDelivery[]> {
    const refund = this.refundsByNo.get(outRefundNo);
    if (!refund) throw new Error(`no refund ${outRefundNo} at the WeChat Pay simulator`);
    if (refund.status !== 'PROCESSING' && refund.status !== 'ABNORMAL') throw new Error(`refund ${outRefundNo} is already ${refund.status}`);
    refund.status = status;
    if (status === 'SUCCESS') refund.successTime = beijingTime();
    if (!refund.notifyUrl) return Promise.resolve([]);
    return this.notify(this.prepareRefundCallback(refund), options);
  }

  /** Builds (without sending or changing state) a TRANSACTION.SUCCESS callback for an order, optionally falsified. */
  buildTransactionCallback(outTradeNo: string, forgery?: CallbackForgery): PreparedCallback {
    const order = this.ordersByNo.get(outTradeNo);
    if (!order) throw new Error(`no order ${outTradeNo} at the WeChat Pay simulator`);
    const claimed: SimOrder =
      order.tradeState === 'NOTPAY'
        ? { ...order, tradeState: 'SUCCESS', transactionId: `4200${randomDigits(24)}`, successTime: beijingTime(), reportedTotal: order.total }
        : order;
    return this.prepareTransactionCallback(claimed, forgery);
  }

  /** Builds (without sending) a REFUND.* callback for a refund, optionally falsified. */
  buildRefundCallback(outRefundNo: string, status: 'SUCCESS' | 'ABNORMAL' | 'CLOSED', forgery?: CallbackForgery): PreparedCallback {
    const refund = this.refundsByNo.get(outRefundNo);
    if (!refund) throw new Error(`no refund ${outRefundNo} at the WeChat Pay simulator`);
    return this.prepareRefundCallback({ ...refund, status, successTime: status === 'SUCCESS' ? beijingTime() : undefined }, forgery);
  }

  /** POSTs a prepared callback once (no retries) and records the delivery. */
  postCallback(callback: PreparedCallback): Promise<CallbackDelivery> {
    return this.track(this.post(callback, 1));
  }

  /** Checks wx.requestPayment parameters: merchant signature, this mini-program and a prepay_id issued here. */
  verifyRequestPayment(params: { appId: string; timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string }): boolean {
    const prepayId = params.package.startsWith('prepay_id=') ? params.package.slice('prepay_id='.length) : null;
    const known = [...this.ordersByNo.values()].some((o) => o.prepayId === prepayId);
    return params.appId === this.appId && params.signType === 'RSA' && known && verifyPaySign(this.merchantPublicKey, params);
  }

  // ---------------------------------------------------------------- introspection

  get orders(): SimOrder[] {
    return [...this.ordersByNo.values()];
  }

  order(outTradeNo: string): SimOrder | undefined {
    return this.ordersByNo.get(outTradeNo);
  }

  get refunds(): SimRefund[] {
    return [...this.refundsByNo.values()];
  }

  refund(outRefundNo: string): SimRefund | undefined {
    return this.refundsByNo.get(outRefundNo);
  }

  // ---------------------------------------------------------------- HTTP

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const rawTarget = req.url ?? '/';
    const url = new URL(rawTarget, 'http://simulator');
    const entry: SimRequest = { method: req.method ?? 'GET', url: rawTarget, path: url.pathname, headers: req.headers, body, status: 0, at: new Date() };
    this.requests.push(entry);
    const signer = this.signerFor(req);
    let status = 200;
    let answer: unknown;
    try {
      const auth = this.authenticate(req, rawTarget, body);
      this.scriptedFailure(url.pathname);
      if (body !== '') {
        try {
          entry.json = JSON.parse(body);
        } catch {
          throw new WechatPayFault(400, 'PARAM_ERROR', '请求体不是合法的JSON');
        }
      }
      [status, answer] = this.route(req.method ?? 'GET', url, entry.json, auth);
    } catch (error) {
      if (!(error instanceof WechatPayFault)) throw error;
      status = error.status;
      answer = { code: error.code, message: error.message, ...(error.detail ? { detail: error.detail } : {}) };
      entry.code = error.code;
    }
    entry.status = status;
    this.respond(res, url.pathname, status, answer, signer);
  }

  private authenticate(req: IncomingMessage, rawTarget: string, body: string): AuthorizationFields {
    const auth = parseAuthorization(req.headers.authorization);
    if (!auth) throw new WechatPayFault(401, 'SIGN_ERROR', 'Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》');
    if (auth.mchid !== this.mchId) throw new WechatPayFault(401, 'SIGN_ERROR', '商户号不存在或未开通APIv3');
    if (auth.serial_no !== this.merchantSerialNo) throw new WechatPayFault(401, 'SIGN_ERROR', '商户证书序列号有误。请使用签名私钥匹配的证书序列号');
    if (!/^\d{1,10}$/.test(auth.timestamp) || Math.abs(Date.now() / 1000 - Number(auth.timestamp)) > CLOCK_WINDOW_SECONDS) {
      throw new WechatPayFault(401, 'SIGN_ERROR', '请求的时间戳已过期或无效');
    }
    if (!verifyMerchantSignature(this.merchantPublicKey, auth, { method: req.method ?? 'GET', rawTarget, body })) {
      throw new WechatPayFault(401, 'SIGN_ERROR', '签名错误，请检查后再试');
    }
    return auth;
  }

  private scriptedFailure(path: string): void {
    const failure = this.failures.find((f) => (f.path === undefined ? !PATHS.certificates.test(path) : matches(f.path, path)));
    if (!failure) return;
    failure.remaining -= 1;
    if (failure.remaining <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
    throw new WechatPayFault(failure.status, failure.code, failure.message);
  }

  private route(method: string, url: URL, json: unknown, auth: AuthorizationFields): [number, unknown] {
    const path = url.pathname;
    let m: RegExpExecArray | null;
    if (method === 'POST' && PATHS.jsapi.test(path)) return [200, this.jsapiPrepay(this.object(json), auth)];
    if (method === 'GET' && (m = PATHS.queryByOutTradeNo.exec(path))) {
      this.checkQueryMchid(url, auth);
      const order = this.ordersByNo.get(decodeURIComponent(m[1]));
      if (!order) throw new WechatPayFault(404, 'ORDER_NOT_EXIST', '订单不存在');
      return [200, this.transactionView(order)];
    }
    if (method === 'GET' && (m = PATHS.queryById.exec(path))) {
      this.checkQueryMchid(url, auth);
      const order = [...this.ordersByNo.values()].find((o) => o.transactionId === decodeURIComponent(m![1]));
      if (!order) throw new WechatPayFault(404, 'ORDER_NOT_EXIST', '订单不存在');
      return [200, this.transactionView(order)];
    }
    if (method === 'POST' && (m = PATHS.close.exec(path))) {
      this.closeOrder(decodeURIComponent(m[1]), this.object(json), auth);
      return [204, undefined];
    }
    if (method === 'POST' && PATHS.refunds.test(path)) return [200, this.createRefund(this.object(json))];
    if (method === 'GET' && (m = PATHS.refund.exec(path))) {
      const refund = this.refundsByNo.get(decodeURIComponent(m[1]));
      if (!refund) throw new WechatPayFault(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
      return [200, this.refundView(refund)];
    }
    if (method === 'GET' && PATHS.certificates.test(path)) return [200, this.certificateList()];
    throw new WechatPayFault(404, 'NOT_FOUND', '无效的请求URL');
  }

  private object(json: unknown): Record<string, unknown> {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new WechatPayFault(400, 'PARAM_ERROR', '请求体必须为JSON对象');
    return json as Record<string, unknown>;
  }

  private checkQueryMchid(url: URL, auth: AuthorizationFields): void {
    const mchid = url.searchParams.get('mchid');
    if (!mchid) throw new WechatPayFault(400, 'PARAM_ERROR', '输入源“/uri_template/mchid”映射到字段“直连商户号”必填性规则校验失败，此字段为必填项', { location: 'uri_template', value: '' });
    if (mchid !== auth.mchid) throw new WechatPayFault(400, 'INVALID_REQUEST', 'mchid不匹配');
  }

  private jsapiPrepay(json: Record<string, unknown>, auth: AuthorizationFields): { prepay_id: string } {
    const b = new BodyReader(json);
    const appid = b.string('appid', { required: true, max: 32 })!;
    const mchid = b.string('mchid', { required: true, max: 32 })!;
    const description = b.string('description', { required: true, max: 127 })!;
    const outTradeNo = b.string('out_trade_no', { required: true, pattern: OUT_TRADE_NO })!;
    const timeExpire = b.string('time_expire', { max: 64, pattern: RFC3339_WITH_OFFSET });
    if (timeExpire !== undefined && Number.isNaN(Date.parse(timeExpire))) throw paramError('time_expire', '不是合法的时间');
    const attach = b.string('attach', { max: 128 });
    const notifyUrl = b.notifyUrl('notify_url', 255, this.options.requireHttpsNotifyUrl ?? false, true)!;
    const total = b.integer('amount.total', { required: true, min: 1 })!;
    const currency = b.string('amount.currency');
    if (currency !== undefined && currency !== 'CNY') throw paramError('amount.currency', '仅支持CNY');
    const openid = b.string('payer.openid', { required: true, max: 128 })!;
    if (mchid !== auth.mchid) throw new WechatPayFault(400, 'INVALID_REQUEST', 'mchid不匹配');
    if (appid !== this.appId) throw new WechatPayFault(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');

    const canonical = canonicalJson(json);
    const existing = this.ordersByNo.get(outTradeNo);
    if (existing) {
      if (existing.tradeState === 'SUCCESS' || existing.tradeState === 'REFUND') {
        throw new WechatPayFault(this.options.orderPaidStatus ?? 400, 'ORDERPAID', '该订单已支付');
      }
      if (existing.tradeState === 'CLOSED') throw new WechatPayFault(400, 'ORDER_CLOSED', '当前订单已关闭，请重新下单');
      if (existing.prepayBody !== canonical) throw new WechatPayFault(400, 'INVALID_REQUEST', '请求重入时，参数与首次请求时不一致');
      return { prepay_id: existing.prepayId };
    }
    const now = new Date();
    const prepayId = `wx${beijingTime(now).replace(/\D/g, '').slice(0, 14)}${randomBytes(10).toString('hex')}`;
    this.ordersByNo.set(outTradeNo, {
      outTradeNo,
      appid,
      mchid,
      description,
      attach,
      notifyUrl,
      timeExpire,
      total,
      openid,
      prepayId,
      prepayBody: canonical,
      tradeState: 'NOTPAY',
      createdAt: now,
    });
    return { prepay_id: prepayId };
  }

  private closeOrder(outTradeNo: string, json: Record<string, unknown>, auth: AuthorizationFields): void {
    const mchid = new BodyReader(json).string('mchid', { required: true, max: 32 });
    if (mchid !== auth.mchid) throw new WechatPayFault(400, 'INVALID_REQUEST', 'mchid不匹配');
    const order = this.ordersByNo.get(outTradeNo);
    if (!order) throw new WechatPayFault(404, 'ORDER_NOT_EXIST', '订单不存在');
    if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND') {
      throw new WechatPayFault(this.options.orderPaidStatus ?? 400, 'ORDERPAID', '该订单已支付');
    }
    order.tradeState = 'CLOSED';
  }

  private createRefund(json: Record<string, unknown>): Record<string, unknown> {
    const b = new BodyReader(json);
    const transactionId = b.string('transaction_id', { max: 32 });
    const outTradeNo = b.string('out_trade_no', { max: 32 });
    if ((transactionId === undefined) === (outTradeNo === undefined)) {
      throw new WechatPayFault(400, 'PARAM_ERROR', 'transaction_id和out_trade_no必须二选一');
    }
    const outRefundNo = b.string('out_refund_no', { required: true, pattern: OUT_REFUND_NO })!;
    const reason = b.string('reason', { max: 80 });
    const notifyUrl = b.notifyUrl('notify_url', 256, this.options.requireHttpsNotifyUrl ?? false, false);
    const refundAmount = b.integer('amount.refund', { required: true, min: 1 })!;
    const total = b.integer('amount.total', { required: true, min: 1 })!;
    const currency = b.string('amount.currency', { required: true });
    if (currency !== 'CNY') throw paramError('amount.currency', '仅支持CNY');

    const canonical = canonicalJson(json);
    const existing = this.refundsByNo.get(outRefundNo);
    if (existing) {
      if (existing.requestBody !== canonical) throw new WechatPayFault(400, 'INVALID_REQUEST', '请求参数与之前相同退款单号的请求不一致');
      return this.refundView(existing);
    }
    const order = [...this.ordersByNo.values()].find((o) =>
      transactionId !== undefined ? o.transactionId === transactionId : o.outTradeNo === outTradeNo,
    );
    if (!order || (order.tradeState !== 'SUCCESS' && order.tradeState !== 'REFUND')) {
      throw new WechatPayFault(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    }
    if (total !== order.total) throw new WechatPayFault(400, 'INVALID_REQUEST', '订单金额与原订单金额不一致');
    const previous = [...this.refundsByNo.values()].filter((r) => r.outTradeNo === order.outTradeNo && r.status !== 'CLOSED');
    if (previous.length >= 50) throw new WechatPayFault(400, 'INVALID_REQUEST', '退款次数超过限制');
    if (previous.reduce((sum, r) => sum + r.refund, 0) + refundAmount > order.total) {
      throw new WechatPayFault(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
    }
    const status = this.options.refundInitialStatus ?? 'PROCESSING';
    const refund: SimRefund = {
      refundId: `503${randomDigits(26)}`,
      outRefundNo,
      outTradeNo: order.outTradeNo,
      transactionId: order.transactionId!,
      refund: refundAmount,
      total,
      reason,
      notifyUrl,
      status,
      createTime: beijingTime(),
      successTime: status === 'SUCCESS' ? beijingTime() : undefined,
      requestBody: canonical,
    };
    this.refundsByNo.set(outRefundNo, refund);
    order.tradeState = 'REFUND';
    return this.refundView(refund);
  }

  private certificateList(): unknown {
    if (this.mode === 'public-key') throw new WechatPayFault(403, 'NOT_ENOUGH', '平台证书已过期失效，请联系微信支付技术支持。');
    return {
      data: this.certificates.map((c) => ({
        serial_no: c.serial,
        effective_time: beijingTime(c.effectiveTime),
        expire_time: beijingTime(c.expireTime),
        encrypt_certificate: encryptResource(this.apiV3Key, c.pem, 'certificate'),
      })),
    };
  }

  // ---------------------------------------------------------------- views (the wire shapes)

  private transactionView(order: SimOrder): Record<string, unknown> {
    const paid = order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND';
    const total = paid ? (order.reportedTotal ?? order.total) : order.total;
    const view: Record<string, unknown> = {
      amount: paid ? { currency: 'CNY', payer_currency: 'CNY', payer_total: total, total } : { payer_currency: 'CNY', total },
      appid: order.appid,
      mchid: order.mchid,
      out_trade_no: order.outTradeNo,
      promotion_detail: [],
      scene_info: { device_id: '' },
      trade_state: order.tradeState,
      trade_state_desc: { NOTPAY: '订单未支付', SUCCESS: '支付成功', REFUND: '转入退款', CLOSED: '订单已关闭' }[order.tradeState],
      ...(order.attach !== undefined ? { attach: order.attach } : {}),
    };
    if (paid) {
      Object.assign(view, {
        transaction_id: order.transactionId,
        trade_type: 'JSAPI',
        bank_type: 'OTHERS',
        success_time: order.successTime,
        payer: { openid: order.openid },
      });
    }
    return { ...view, ...(paid ? order.transactionPatch : undefined) };
  }

  private refundView(refund: SimRefund): Record<string, unknown> {
    return {
      amount: {
        currency: 'CNY',
        discount_refund: 0,
        from: [],
        payer_refund: refund.refund,
        payer_total: refund.total,
        refund: refund.refund,
        refund_fee: 0,
        settlement_refund: refund.refund,
        settlement_total: refund.total,
        total: refund.total,
      },
      channel: 'ORIGINAL',
      create_time: refund.createTime,
      funds_account: 'AVAILABLE',
      out_refund_no: refund.outRefundNo,
      out_trade_no: refund.outTradeNo,
      promotion_detail: [],
      refund_id: refund.refundId,
      status: refund.status,
      ...(refund.successTime ? { success_time: refund.successTime } : {}),
      transaction_id: refund.transactionId,
      user_received_account: '支付用户零钱',
    };
  }

  // ---------------------------------------------------------------- signing

  /** Which key signs the answer to this request (see the modes above). */
  private signerFor(req: IncomingMessage): Signer {
    if (this.mode === 'public-key') return this.publicKeySigner;
    if (this.mode === 'certificate') return this.certificates.at(-1)!;
    return req.headers['wechatpay-serial'] === this.publicKeyId ? this.publicKeySigner : this.certificates.at(-1)!;
  }

  private callbackSigner(): Signer {
    if (this.mode === 'public-key') return this.publicKeySigner;
    if (this.mode === 'certificate') return this.certificates.at(-1)!;
    const choice = this.options.callbackSigner ?? 'alternate';
    if (choice === 'public-key') return this.publicKeySigner;
    if (choice === 'certificate') return this.certificates.at(-1)!;
    this.callbackCount += 1;
    return this.callbackCount % 2 === 1 ? this.publicKeySigner : this.certificates.at(-1)!;
  }

  private respond(res: ServerResponse, path: string, status: number, answer: unknown, signer: Signer): void {
    let body = answer === undefined ? '' : JSON.stringify(answer);
    const index = this.forgeries.findIndex((f) => matches(f.path, path));
    const forgery = index >= 0 ? this.forgeries.splice(index, 1)[0].forgery : undefined;
    let headers: Record<string, string>;
    const now = Math.floor(Date.now() / 1000);
    switch (forgery) {
      case 'wrong-key':
        headers = platformSignatureHeaders(this.intruderKey, signer.serial, body, now);
        break;
      case 'stale':
        headers = platformSignatureHeaders(signer.privateKey, signer.serial, body, now - 2 * CLOCK_WINDOW_SECONDS);
        break;
      case 'unknown-serial':
        headers = platformSignatureHeaders(signer.privateKey, signer.serial.startsWith('PUB_KEY_ID_') ? `PUB_KEY_ID_09${randomDigits(32)}` : certificateSerial(), body, now);
        break;
      case 'no-signature':
        headers = {};
        break;
      case 'tampered-body':
        headers = platformSignatureHeaders(signer.privateKey, signer.serial, body, now);
        body = body === '' ? ' ' : body.replace(/\d/, (d) => String((Number(d) + 1) % 10));
        if (body === JSON.stringify(answer)) body = `${body} `;
        break;
      default:
        headers = platformSignatureHeaders(signer.privateKey, signer.serial, body, now);
    }
    res.writeHead(status, {
      Server: 'nginx',
      'Request-ID': `${randomHex(22)}-${status < 300 ? '0' : '268435456'}`,
      'Cache-Control': 'no-cache, must-revalidate',
      'X-Content-Type-Options': 'nosniff',
      ...(body !== '' ? { 'Content-Type': 'application/json; charset=utf-8', 'Content-Language': 'zh-CN' } : {}),
      ...headers,
    });
    res.end(body);
  }

  private issueCertificate(privateKey: KeyObject, serial: string): PlatformCertificate {
    const effectiveTime = new Date(Date.now() - 86400_000);
    const expireTime = new Date(Date.now() + 5 * 365 * 86400_000);
    const pem = createSelfSignedCertificate({
      privateKey,
      publicKey: createPublicKey(privateKey),
      serialHex: serial,
      subject: { commonName: 'Tenpay.com Root CA', organization: 'Tenpay.com (simulator)', country: 'CN' },
      notBefore: effectiveTime,
      notAfter: expireTime,
    });
    return { serial, privateKey, pem, effectiveTime, expireTime };
  }

  // ---------------------------------------------------------------- callbacks

  private prepareTransactionCallback(order: SimOrder, forgery?: CallbackForgery): PreparedCallback {
    return this.prepareCallback(order.notifyUrl, 'TRANSACTION.SUCCESS', '支付成功', 'transaction', this.transactionView(order), forgery);
  }

  private prepareRefundCallback(refund: SimRefund, forgery?: CallbackForgery): PreparedCallback {
    if (!refund.notifyUrl) throw new Error(`refund ${refund.outRefundNo} has no notify_url`);
    const summary = { SUCCESS: '退款成功', ABNORMAL: '退款异常', CLOSED: '退款关闭', PROCESSING: '退款处理中' }[refund.status];
    const resource = {
      mchid: this.mchId,
      transaction_id: refund.transactionId,
      out_trade_no: refund.outTradeNo,
      refund_id: refund.refundId,
      out_refund_no: refund.outRefundNo,
      refund_status: refund.status,
      ...(refund.successTime ? { success_time: refund.successTime } : {}),
      user_received_account: '支付用户零钱',
      amount: { total: refund.total, refund: refund.refund, payer_total: refund.total, payer_refund: refund.refund },
    };
    return this.prepareCallback(refund.notifyUrl, `REFUND.${refund.status}`, summary, 'refund', resource, forgery);
  }

  private prepareCallback(
    url: string,
    eventType: string,
    summary: string,
    originalType: string,
    resource: Record<string, unknown>,
    forgery?: CallbackForgery,
  ): PreparedCallback {
    const notificationId = randomUUID();
    const envelope = (plaintext: Record<string, unknown>, key = this.apiV3Key) => {
      const { algorithm, ciphertext, associated_data, nonce } = encryptResource(key, JSON.stringify(plaintext), originalType);
      return JSON.stringify({
        id: notificationId,
        create_time: beijingTime(),
        resource_type: 'encrypt-resource',
        event_type: eventType,
        summary,
        resource: { original_type: originalType, algorithm, ciphertext, associated_data, nonce },
      });
    };
    const signer = forgery === undefined ? this.callbackSigner() : this.mode === 'certificate' ? this.certificates.at(-1)! : this.publicKeySigner;
    const now = Math.floor(Date.now() / 1000);
    let body = forgery === 'wrong-apiv3-key' ? envelope(resource, randomBytes(16).toString('hex')) : envelope(resource);
    let signature: Record<string, string>;
    switch (forgery) {
      case 'wrong-key':
        signature = platformSignatureHeaders(this.intruderKey, signer.serial, body, now);
        break;
      case 'stale':
        signature = platformSignatureHeaders(signer.privateKey, signer.serial, body, now - 2 * CLOCK_WINDOW_SECONDS);
        break;
      case 'probe':
        signature = {
          ...platformSignatureHeaders(signer.privateKey, signer.serial, body, now),
          'Wechatpay-Signature': `WECHATPAY/SIGNTEST/${randomBytes(180).toString('base64')}`,
        };
        break;
      case 'tampered': {
        signature = platformSignatureHeaders(signer.privateKey, signer.serial, body, now);
        const amount = (resource.amount ?? {}) as Record<string, number>;
        const bigger = Object.fromEntries(Object.entries(amount).map(([k, v]) => [k, typeof v === 'number' ? v + 100 : v]));
        const signedEnvelope = JSON.parse(body) as { resource: Record<string, string> };
        const altered = JSON.parse(envelope({ ...resource, amount: bigger })) as { resource: Record<string, string> };
        signedEnvelope.resource = altered.resource;
        body = JSON.stringify(signedEnvelope);
        break;
      }
      case 'unknown-serial':
        signature = platformSignatureHeaders(signer.privateKey, `PUB_KEY_ID_09${randomDigits(32)}`, body, now);
        break;
      case 'missing-headers':
        signature = {};
        break;
      default:
        signature = platformSignatureHeaders(signer.privateKey, signer.serial, body, now);
    }
    return {
      url,
      eventType,
      notificationId,
      body,
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'Mozilla/4.0', ...signature },
    };
  }

  /** Delivers a notification per the options (lost, delayed, duplicated), with redeliveries after failures. */
  private notify(callback: PreparedCallback, options: DeliveryOptions): Promise<CallbackDelivery[]> {
    if (options.deliver === false) return Promise.resolve([]);
    const times = Math.max(1, options.times ?? 1);
    const run = async (): Promise<CallbackDelivery[]> => {
      if (options.delayMs) await this.sleep(options.delayMs);
      if (this.stopping) return [];
      const deliverOnce = () => this.deliverWithRetries(callback);
      if (options.parallel) return (await Promise.all(Array.from({ length: times }, deliverOnce))).flat();
      const all: CallbackDelivery[] = [];
      for (let i = 0; i < times; i += 1) all.push(...(await deliverOnce()));
      return all;
    };
    return this.track(run());
  }

  private async deliverWithRetries(callback: PreparedCallback): Promise<CallbackDelivery[]> {
    const delays = this.options.callbackRetryDelaysMs ?? [];
    const attempts: CallbackDelivery[] = [];
    for (let attempt = 1; ; attempt += 1) {
      // Every delivery is signed afresh (new timestamp and nonce), the notification itself is the same.
      const delivery = await this.post(attempt === 1 ? callback : this.resign(callback), attempt);
      attempts.push(delivery);
      if (delivery.acknowledged || attempt > delays.length) return attempts;
      await this.sleep(delays[attempt - 1]);
      if (this.stopping) return attempts;
    }
  }

  private resign(callback: PreparedCallback): PreparedCallback {
    const serial = callback.headers['Wechatpay-Serial'];
    const signer = serial === this.publicKeyId ? this.publicKeySigner : this.certificates.find((c) => c.serial === serial);
    if (!signer) return callback;
    return { ...callback, headers: { ...callback.headers, ...platformSignatureHeaders(signer.privateKey, signer.serial, callback.body) } };
  }

  private post(callback: PreparedCallback, attempt: number): Promise<CallbackDelivery> {
    const url = new URL(callback.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const record = (status: number | null, responseBody: string, error?: string): CallbackDelivery => {
      const delivery: CallbackDelivery = {
        eventType: callback.eventType,
        notificationId: callback.notificationId,
        url: callback.url,
        status,
        acknowledged: status === 200 || status === 204,
        responseBody,
        error,
        attempt,
        at: new Date(),
      };
      this.callbacks.push(delivery);
      return delivery;
    };
    return new Promise((resolve) => {
      const req = send(
        url,
        {
          method: 'POST',
          headers: { ...callback.headers, 'Content-Length': String(Buffer.byteLength(callback.body)) },
          timeout: this.options.callbackTimeoutMs ?? 5000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(record(res.statusCode ?? null, Buffer.concat(chunks).toString('utf8'))));
          res.on('error', (e) => resolve(record(null, '', e.message)));
        },
      );
      req.on('timeout', () => req.destroy(new Error('no answer in time')));
      req.on('error', (e) => resolve(record(null, '', e.message)));
      req.end(callback.body);
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleeps.delete(timer);
        resolve();
      }, ms);
      this.sleeps.set(timer, resolve);
    });
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    const done = () => this.pending.delete(promise);
    promise.then(done, done);
    return promise;
  }
}

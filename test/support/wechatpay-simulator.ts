import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { buildCallback, CallbackCourier, CallbackDelivery, CallbackForgery, DeliveryOptions, PreparedCallback, Signer } from './wechatpay-simulator-callbacks';
import { SimOrder, SimRefund, WechatPayLedger } from './wechatpay-simulator-ledger';
import {
  AuthorizationFields,
  beijingTime,
  CLOCK_WINDOW_SECONDS,
  encryptResource,
  parseAuthorization,
  platformSignatureHeaders,
  randomDigits,
  randomHex,
  verifyMerchantSignature,
  verifyPaySign,
  WechatPayFault,
} from './wechatpay-simulator-protocol';
import { createSelfSignedCertificate } from './x509-certificate';

export type { CallbackDelivery, CallbackForgery, DeliveryOptions, PreparedCallback } from './wechatpay-simulator-callbacks';
export type { SimOrder, SimRefund, SimRefundStatus, SimTradeState } from './wechatpay-simulator-ledger';

/**
 * A protocol-faithful WeChat Pay API v3 (direct merchant, JSAPI) on node:http, for tests and local
 * development. It verifies the merchant's request signatures, signs every answer with its own
 * platform key, keeps order and refund state, and calls the merchant back with encrypted, signed
 * notifications over real HTTP. Misbehaviour on demand: lost, duplicate, delayed and wrong-amount
 * callbacks, scripted error answers, forged/stale/probe/tampered answers and callbacks.
 *
 * Key modes (wechat.md §2.2):
 * - `public-key`: answers and callbacks are signed with the "WeChat Pay public key" (serial
 *   `PUB_KEY_ID_…`); /v3/certificates is refused as for a public-key-only merchant;
 * - `certificate`: signed with a platform certificate (40-hex serial) that /v3/certificates serves,
 *   encrypted with the APIv3 key;
 * - `both` (a switch): answers use the public key when the request names its id in
 *   `Wechatpay-Serial`, else the certificate; callbacks alternate (see `callbackSigner`).
 */

export type WechatPaySimulatorMode = 'public-key' | 'certificate' | 'both';

export interface WechatPaySimulatorKeys {
  /** The merchant API private key (PKCS#8 PEM); the simulator verifies with its public half. */
  merchantPrivateKey: string;
  /** The private half of the "WeChat Pay public key" (public-key mode). */
  publicKeyPrivateKey: string;
  /** The private key of the current platform certificate (certificate modes; '' in public-key mode). */
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
  /** Refuse notify_url values that are not https, as the real service does. Default false. */
  requireHttpsNotifyUrl?: boolean;
  /** Status of a new refund. Default PROCESSING. */
  refundInitialStatus?: 'PROCESSING' | 'SUCCESS';
  /** A callback not answered within this time counts as failed. Default 5000 ms. */
  callbackTimeoutMs?: number;
  /** Waits before redelivering a failed callback (the real schedule is 15 s, 15 s, 30 s, 3 min, ...). Default: no redelivery. */
  callbackRetryDelaysMs?: number[];
  /** Mode `both`: which key signs callbacks. Default `alternate`. */
  callbackSigner?: 'public-key' | 'certificate' | 'alternate';
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
  /** WeChat's error code when the answer was an error. */
  code?: string;
  at: Date;
}

export interface PayOptions extends DeliveryOptions {
  /** Report this amount (fen) as paid, in the callback and in queries: the "wrong amount" case. */
  amountOverride?: number;
  /** Extra or overriding transaction fields, in the callback and in queries (e.g. `{ appid: 'wxother' }`). */
  transactionPatch?: Record<string, unknown>;
}

/** How answers are falsified by `forgeNextResponses`. */
export type ResponseForgery = 'wrong-key' | 'stale' | 'unknown-serial' | 'no-signature' | 'tampered-body';

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

function matches(pattern: string | RegExp | undefined, path: string): boolean {
  return pattern === undefined || (typeof pattern === 'string' ? pattern === path : pattern.test(path));
}

function pemOf(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function newKey(pem?: string): KeyObject {
  return pem ? createPrivateKey(pem) : generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

/** A positive 20-byte serial (first byte below 0x80), 40 hex upper case like real platform certificates. */
function certificateSerial(): string {
  const bytes = randomBytes(20);
  bytes[0] = (bytes[0] % 0x7f) + 1;
  return bytes.toString('hex').toUpperCase();
}

function asObject(json: unknown): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new WechatPayFault(400, 'PARAM_ERROR', '请求体必须为JSON对象');
  return json as Record<string, unknown>;
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

  private readonly options: WechatPaySimulatorOptions;
  private readonly ledger: WechatPayLedger;
  private readonly courier: CallbackCourier;
  private readonly merchantKey: KeyObject;
  private readonly merchantPublicKey: KeyObject;
  private readonly publicKeySigner: Signer;
  private readonly certificates: PlatformCertificate[] = [];
  /** Signs forgeries: a key WeChat Pay never had. */
  private readonly intruderKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  private readonly failures: ScriptedFailure[] = [];
  private readonly forgeries: Array<{ forgery: ResponseForgery; path?: string | RegExp }> = [];
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
    this.ledger = new WechatPayLedger({
      appId: this.appId,
      orderPaidStatus: options.orderPaidStatus ?? 400,
      requireHttpsNotifyUrl: options.requireHttpsNotifyUrl ?? false,
      refundInitialStatus: options.refundInitialStatus ?? 'PROCESSING',
    });
    this.courier = new CallbackCourier({
      timeoutMs: options.callbackTimeoutMs ?? 5000,
      retryDelaysMs: options.callbackRetryDelaysMs ?? [],
      resign: (callback) => this.resign(callback),
    });
  }

  // ---------------------------------------------------------------- lifecycle and configuration

  async start(): Promise<this> {
    if (this.server) return this;
    this.courier.restart();
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
    await this.courier.stop();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves when no callback is being delivered (delayed ones included). */
  idle(): Promise<void> {
    return this.courier.idle();
  }

  get baseUrl(): string {
    if (!this.server) throw new Error('the WeChat Pay simulator is not started');
    return `http://${this.options.host ?? '127.0.0.1'}:${this.port}`;
  }

  /** The serial of the certificate currently signing (certificate and both modes). */
  get certificateSerialNo(): string | null {
    return this.certificates.at(-1)?.serial ?? null;
  }

  /** The "WeChat Pay public key" (SPKI PEM) the app verifies with in public-key mode. */
  get publicKeyPem(): string {
    return createPublicKey(this.publicKeySigner.privateKey).export({ type: 'spki', format: 'pem' }).toString();
  }

  get merchantPrivateKeyPem(): string {
    return pemOf(this.merchantKey);
  }

  /** The private keys in use, so a launcher can persist them and pass them back as `keys`. */
  exportKeys(): WechatPaySimulatorKeys {
    const certificate = this.certificates.at(-1);
    return {
      merchantPrivateKey: pemOf(this.merchantKey),
      publicKeyPrivateKey: pemOf(this.publicKeySigner.privateKey),
      certificatePrivateKey: certificate ? pemOf(certificate.privateKey) : '',
    };
  }

  /**
   * The environment the app needs to talk to this simulator (WECHAT_APPID and WECHATPAY_*); no
   * public key in certificate mode. WECHATPAY_NOTIFY_BASE_URL is the app's own address, so it is
   * included only when given.
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

  /** `NAME="value"` lines for a .env file or a terminal (PEM newlines written as \n, which the configuration reads back). */
  envLines(options: { notifyBaseUrl?: string } = {}): string[] {
    return Object.entries(this.appEnv(options)).map(([k, v]) => `${k}="${v.replace(/\n/g, '\\n')}"`);
  }

  // ---------------------------------------------------------------- misbehaviour on demand

  /** The next `count` API requests (to `path` when given; certificate downloads only when named) get this error answer, signed. */
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
   * The shopper paid: the order becomes SUCCESS at once (throws if it is not an unpaid, unexpired
   * order here) and a TRANSACTION.SUCCESS callback goes to the prepay's notify_url. The promise
   * settles when the deliveries are done.
   */
  pay(outTradeNo: string, options: PayOptions = {}): Promise<CallbackDelivery[]> {
    const order = this.ledger.markPaid(outTradeNo, options);
    return this.courier.send(this.transactionCallback(order), options);
  }

  /** Time passed: an unpaid order is closed by WeChat Pay. */
  expire(outTradeNo: string): void {
    this.ledger.expire(outTradeNo);
  }

  /** A refund reached its end: REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED goes to the refund's notify_url (if it had one). */
  completeRefund(outRefundNo: string, status: 'SUCCESS' | 'ABNORMAL' | 'CLOSED', options: DeliveryOptions = {}): Promise<CallbackDelivery[]> {
    const refund = this.ledger.finishRefund(outRefundNo, status);
    if (!refund.notifyUrl) return Promise.resolve([]);
    return this.courier.send(this.refundCallback(refund), options);
  }

  /**
   * Builds, without sending or changing any state, a TRANSACTION.SUCCESS callback for an order
   * (claiming payment even when it is unpaid), optionally falsified.
   */
  buildTransactionCallback(outTradeNo: string, forgery?: CallbackForgery): PreparedCallback {
    const order = this.ledger.orders.get(outTradeNo);
    if (!order) throw new Error(`no order ${outTradeNo} at the WeChat Pay simulator`);
    const claimed: SimOrder =
      order.tradeState === 'NOTPAY'
        ? { ...order, tradeState: 'SUCCESS', transactionId: `4200${randomDigits(24)}`, successTime: beijingTime(), reportedTotal: order.total }
        : order;
    return this.transactionCallback(claimed, forgery);
  }

  /** Builds, without sending or changing any state, a REFUND.* callback for a refund, optionally falsified. */
  buildRefundCallback(outRefundNo: string, status: 'SUCCESS' | 'ABNORMAL' | 'CLOSED', forgery?: CallbackForgery): PreparedCallback {
    const refund = this.ledger.refunds.get(outRefundNo);
    if (!refund) throw new Error(`no refund ${outRefundNo} at the WeChat Pay simulator`);
    return this.refundCallback({ ...refund, status, successTime: status === 'SUCCESS' ? beijingTime() : undefined }, forgery);
  }

  /** POSTs a prepared callback once (no redelivery) and records the delivery. */
  postCallback(callback: PreparedCallback): Promise<CallbackDelivery> {
    return this.courier.postOnce(callback);
  }

  /** Checks wx.requestPayment parameters: the merchant's paySign, this mini-program, and a prepay_id issued here. */
  verifyRequestPayment(params: { appId: string; timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string }): boolean {
    const prepayId = params.package.startsWith('prepay_id=') ? params.package.slice('prepay_id='.length) : null;
    const known = [...this.ledger.orders.values()].some((o) => o.prepayId === prepayId);
    return params.appId === this.appId && params.signType === 'RSA' && known && verifyPaySign(this.merchantPublicKey, params);
  }

  // ---------------------------------------------------------------- introspection

  get orders(): SimOrder[] {
    return [...this.ledger.orders.values()];
  }

  order(outTradeNo: string): SimOrder | undefined {
    return this.ledger.orders.get(outTradeNo);
  }

  get refunds(): SimRefund[] {
    return [...this.ledger.refunds.values()];
  }

  refund(outRefundNo: string): SimRefund | undefined {
    return this.ledger.refunds.get(outRefundNo);
  }

  /** Every callback delivery attempt, in order. */
  get callbacks(): CallbackDelivery[] {
    return this.courier.deliveries;
  }

  // ---------------------------------------------------------------- HTTP

  /**
   * Refund requests (POST …/refunds) wait this long before they are processed and answered, as a
   * slow WeChat Pay would; the refund is made even if the caller has gone meanwhile.
   */
  refundAnswerDelayMs = 0;
  /** Refund requests received and still held back by refundAnswerDelayMs. */
  refundRequestsWaiting = 0;

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.refundAnswerDelayMs > 0 && req.method === 'POST' && PATHS.refunds.test(req.url ?? '')) {
      this.refundRequestsWaiting += 1;
      await new Promise((r) => setTimeout(r, this.refundAnswerDelayMs));
      this.refundRequestsWaiting -= 1;
    }
    const body = Buffer.concat(chunks).toString('utf8');
    const rawTarget = req.url ?? '/';
    const url = new URL(rawTarget, 'http://simulator');
    const method = req.method ?? 'GET';
    const entry: SimRequest = { method, url: rawTarget, path: url.pathname, headers: req.headers, body, status: 0, at: new Date() };
    this.requests.push(entry);
    let status: number;
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
      [status, answer] = this.route(method, url, entry.json, auth);
    } catch (error) {
      if (!(error instanceof WechatPayFault)) throw error;
      status = error.status;
      answer = { code: error.code, message: error.message, ...(error.detail ? { detail: error.detail } : {}) };
      entry.code = error.code;
    }
    entry.status = status;
    this.respond(res, url.pathname, status, answer, this.answerSigner(req));
  }

  /** §2.1: scheme, the five pairs in any order, our mchid and merchant serial, a fresh timestamp, the signature over the raw target and body. */
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
    const param = (pattern: RegExp) => {
      const m = pattern.exec(path);
      return m ? decodeURIComponent(m[1]) : null;
    };
    let p: string | null;
    if (method === 'POST' && PATHS.jsapi.test(path)) return [200, this.ledger.prepay(asObject(json), auth.mchid)];
    if (method === 'GET' && (p = param(PATHS.queryByOutTradeNo)) !== null) {
      this.checkQueryMchid(url, auth);
      return [200, this.ledger.transactionView(this.ledger.orderByOutTradeNo(p))];
    }
    if (method === 'GET' && (p = param(PATHS.queryById)) !== null) {
      this.checkQueryMchid(url, auth);
      return [200, this.ledger.transactionView(this.ledger.orderByTransactionId(p))];
    }
    if (method === 'POST' && (p = param(PATHS.close)) !== null) {
      this.ledger.close(p, asObject(json), auth.mchid);
      return [204, undefined];
    }
    if (method === 'POST' && PATHS.refunds.test(path)) return [200, this.ledger.refundView(this.ledger.createRefund(asObject(json)))];
    if (method === 'GET' && (p = param(PATHS.refund)) !== null) return [200, this.ledger.refundView(this.ledger.refundByOutRefundNo(p))];
    if (method === 'GET' && PATHS.certificates.test(path)) return [200, this.certificateList()];
    throw new WechatPayFault(404, 'NOT_FOUND', '无效的请求URL');
  }

  private checkQueryMchid(url: URL, auth: AuthorizationFields): void {
    const mchid = url.searchParams.get('mchid');
    if (!mchid) {
      throw new WechatPayFault(400, 'PARAM_ERROR', '输入源“/uri_template/mchid”映射到字段“直连商户号”必填性规则校验失败，此字段为必填项', {
        location: 'uri_template',
        value: '',
      });
    }
    if (mchid !== auth.mchid) throw new WechatPayFault(400, 'INVALID_REQUEST', 'mchid不匹配');
  }

  /** §2.6.7: every certificate served, encrypted with the APIv3 key (AAD "certificate"). */
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

  // ---------------------------------------------------------------- signing

  /** Which key signs the answer to this request (see the modes above). */
  private answerSigner(req: IncomingMessage): Signer {
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

  /** Writes an answer signed per §2.2 (errors too, as real ones are), or falsified when a forgery is queued. */
  private respond(res: ServerResponse, path: string, status: number, answer: unknown, signer: Signer): void {
    let body = answer === undefined ? '' : JSON.stringify(answer);
    const index = this.forgeries.findIndex((f) => matches(f.path, path));
    const forgery = index >= 0 ? this.forgeries.splice(index, 1)[0].forgery : undefined;
    const now = Math.floor(Date.now() / 1000);
    let headers: Record<string, string>;
    switch (forgery) {
      case 'wrong-key':
        headers = platformSignatureHeaders(this.intruderKey, signer.serial, body, now);
        break;
      case 'stale':
        headers = platformSignatureHeaders(signer.privateKey, signer.serial, body, now - 2 * CLOCK_WINDOW_SECONDS);
        break;
      case 'unknown-serial': {
        const serial = signer.serial.startsWith('PUB_KEY_ID_') ? `PUB_KEY_ID_09${randomDigits(32)}` : certificateSerial();
        headers = platformSignatureHeaders(signer.privateKey, serial, body, now);
        break;
      }
      case 'no-signature':
        headers = {};
        break;
      case 'tampered-body': {
        headers = platformSignatureHeaders(signer.privateKey, signer.serial, body, now);
        const altered = body.replace(/\d/, (d) => String((Number(d) + 1) % 10));
        body = altered === body ? `${body} ` : altered;
        break;
      }
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

  private transactionCallback(order: SimOrder, forgery?: CallbackForgery): PreparedCallback {
    return buildCallback(
      { url: order.notifyUrl, eventType: 'TRANSACTION.SUCCESS', summary: '支付成功', originalType: 'transaction', resource: this.ledger.transactionView(order) },
      this.callbackKeys(forgery),
      forgery,
    );
  }

  private refundCallback(refund: SimRefund, forgery?: CallbackForgery): PreparedCallback {
    if (!refund.notifyUrl) throw new Error(`refund ${refund.outRefundNo} has no notify_url`);
    const summary = { SUCCESS: '退款成功', ABNORMAL: '退款异常', CLOSED: '退款关闭', PROCESSING: '退款处理中' }[refund.status];
    return buildCallback(
      { url: refund.notifyUrl, eventType: `REFUND.${refund.status}`, summary, originalType: 'refund', resource: this.ledger.refundNotice(refund, this.mchId) },
      this.callbackKeys(forgery),
      forgery,
    );
  }

  private callbackKeys(forgery?: CallbackForgery) {
    // Forgeries are built against a fixed key of the mode, so the alternation of genuine callbacks is not disturbed.
    const signer = forgery === undefined ? this.callbackSigner() : this.mode === 'certificate' ? this.certificates.at(-1)! : this.publicKeySigner;
    return { apiV3Key: this.apiV3Key, signer, intruderKey: this.intruderKey };
  }

  /** The same notification signed afresh (new timestamp and nonce) by the key that signed it. */
  private resign(callback: PreparedCallback): PreparedCallback {
    const serial = callback.headers['Wechatpay-Serial'];
    const signer = serial === this.publicKeyId ? this.publicKeySigner : this.certificates.find((c) => c.serial === serial);
    if (!signer) return callback;
    return { ...callback, headers: { ...callback.headers, ...platformSignatureHeaders(signer.privateKey, signer.serial, callback.body) } };
  }
}

/**
 * A WeChat mini-program server API simulator (api.weixin.qq.com) speaking the real wire format
 * (see shared spec wechat.md §1): jscode2session, stable_token, the classic token,
 * getuserphonenumber and the order shipping-info upload. Errors are HTTP 200 with
 * `{ errcode, errmsg: "..., rid: ..." }`; a successful jscode2session carries no errcode.
 *
 * Tests drive it over HTTP on loopback (createTestApp starts one per app); `npm run simulator`
 * starts one for local development. Only node: built-ins are used here, because the simulator
 * launcher is compiled into dist/ (no dev-only packages).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export type WechatEndpoint = 'jscode2session' | 'stable_token' | 'token' | 'getuserphonenumber' | 'upload_shipping_info';

/**
 * A scripted failure of the next call(s) to an endpoint: a WeChat error envelope, a dropped
 * connection, an HTTP 500 or a body that is not JSON.
 */
export type WechatFailure = { errcode: number; errmsg?: string } | 'network' | 'http-500' | 'bad-json';

export interface WechatSimulatorOptions {
  appId?: string;
  secret?: string;
  host?: string;
  /** 0 (default): any free port. */
  port?: number;
  /** Lifetime of issued access tokens in seconds (real: 7200). */
  tokenTtlSeconds?: number;
  /**
   * Local development: accept login codes and phone codes the simulator never issued (as the
   * WeChat developer tools produce). A login code `user:<name>` always maps to the same openid;
   * any other unknown code maps to an openid derived from the code.
   */
  acceptUnknownCodes?: boolean;
  /** Phone number returned for unknown phone codes in acceptUnknownCodes mode. */
  defaultPhone?: string;
}

export interface WechatCall {
  endpoint: WechatEndpoint | 'unknown';
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  at: Date;
}

interface LoginCode {
  openid: string;
  unionid?: string;
  sessionKey: string;
  used: boolean;
  blocked: boolean;
}

interface AccessToken {
  token: string;
  expiresAt: number;
  kind: 'stable' | 'classic';
}

const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40013: 'invalid appid',
  40029: 'invalid code',
  40125: 'invalid appsecret',
  40163: 'code been used',
  40226: 'code blocked',
  41001: 'access_token missing',
  41008: 'missing code',
  42001: 'access_token expired',
  44002: 'empty post data',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  47001: 'data format error',
};

function rid(): string {
  return [4, 4, 4].map((n) => randomBytes(n).toString('hex')).join('-');
}

export class WechatSimulator {
  readonly appId: string;
  readonly secret: string;
  readonly calls: WechatCall[] = [];
  /** Bodies accepted by upload_shipping_info, in order. */
  readonly shippingUploads: Array<Record<string, unknown>> = [];

  private server: Server | null = null;
  private url = '';
  private readonly loginCodes = new Map<string, LoginCode>();
  private readonly phoneCodes = new Map<string, { phone: string; countryCode: string; used: boolean }>();
  private readonly tokens = new Map<string, AccessToken>();
  private currentStable: AccessToken | null = null;
  private readonly failures = new Map<WechatEndpoint, WechatFailure[]>();
  private tokenTtlSeconds: number;
  private readonly acceptUnknownCodes: boolean;
  private readonly defaultPhone: string;
  private readonly host: string;
  private readonly port: number;

  constructor(options: WechatSimulatorOptions = {}) {
    this.appId = options.appId ?? `wxsim${randomBytes(6).toString('hex')}`;
    this.secret = options.secret ?? randomBytes(16).toString('hex');
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? 7200;
    this.acceptUnknownCodes = options.acceptUnknownCodes ?? false;
    this.defaultPhone = options.defaultPhone ?? '13800138000';
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? 0;
  }

  static async start(options: WechatSimulatorOptions = {}): Promise<WechatSimulator> {
    const simulator = new WechatSimulator(options);
    await simulator.listen();
    return simulator;
  }

  /** The base URL to give the app as WECHAT_API_BASE (no trailing slash). */
  get baseUrl(): string {
    return this.url;
  }

  async listen(): Promise<void> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => resolve());
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.url = `http://${this.host}:${port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // --- scripting -----------------------------------------------------------------------------

  /** A fresh single-use login code (what wx.login() gives the mini-program) for this user. */
  issueLoginCode(user: { openid?: string; unionid?: string } = {}): { code: string; openid: string; unionid?: string; sessionKey: string } {
    const code = randomBytes(16).toString('hex');
    const openid = user.openid ?? `o${randomBytes(14).toString('base64url')}`;
    const sessionKey = randomBytes(16).toString('base64');
    this.loginCodes.set(code, { openid, unionid: user.unionid, sessionKey, used: false, blocked: false });
    return { code, openid, unionid: user.unionid, sessionKey };
  }

  /** A login code WeChat refuses as a high-risk user (40226). */
  issueBlockedLoginCode(): string {
    const issued = this.issueLoginCode();
    this.loginCodes.get(issued.code)!.blocked = true;
    return issued.code;
  }

  /** A single-use phone code (what <button open-type="getPhoneNumber"> gives) for this number. */
  issuePhoneCode(phone: string, countryCode = '86'): string {
    const code = randomBytes(32).toString('hex');
    this.phoneCodes.set(code, { phone, countryCode, used: false });
    return code;
  }

  /** The next `times` calls to `endpoint` fail this way. */
  failNext(endpoint: WechatEndpoint, failure: WechatFailure, times = 1): void {
    const queue = this.failures.get(endpoint) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(endpoint, queue);
  }

  /** Makes every issued access token expired (the next protected call answers 42001). */
  expireAccessTokens(): void {
    const past = Date.now() - 1;
    for (const token of this.tokens.values()) token.expiresAt = past;
  }

  setTokenTtlSeconds(seconds: number): void {
    this.tokenTtlSeconds = seconds;
  }

  /** How many calls reached an endpoint. */
  count(endpoint: WechatEndpoint): number {
    return this.calls.filter((c) => c.endpoint === endpoint).length;
  }

  /** Forgets calls, scripted failures and uploads (issued codes and tokens stay valid). */
  resetCalls(): void {
    this.calls.length = 0;
    this.shippingUploads.length = 0;
    this.failures.clear();
  }

  // --- HTTP ----------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const query = Object.fromEntries(url.searchParams.entries());
    const raw = await readBody(req);
    let body: unknown = undefined;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const endpoint = endpointOf(req.method ?? 'GET', url.pathname);
    this.calls.push({ endpoint, method: req.method ?? 'GET', path: url.pathname, query, body, at: new Date() });
    if (endpoint === 'unknown') {
      // The real API answers unknown paths with a 404 page.
      res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html><body>404 Not Found</body></html>');
      return;
    }
    const failure = this.failures.get(endpoint)?.shift();
    if (failure === 'network') {
      req.socket.destroy();
      return;
    }
    if (failure === 'http-500') {
      res.writeHead(500, { 'Content-Type': 'text/html' }).end('<html><body>500 Internal Server Error</body></html>');
      return;
    }
    if (failure === 'bad-json') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('<html>upstream busy</html>');
      return;
    }
    if (failure) {
      this.error(res, failure.errcode, failure.errmsg);
      return;
    }
    switch (endpoint) {
      case 'jscode2session':
        return this.jscode2session(res, query);
      case 'stable_token':
        return this.stableToken(res, body);
      case 'token':
        return this.classicToken(res, query);
      case 'getuserphonenumber':
        return this.phoneNumber(res, query, body);
      case 'upload_shipping_info':
        return this.uploadShippingInfo(res, query, body);
    }
  }

  private jscode2session(res: ServerResponse, q: Record<string, string>): void {
    if (q.appid !== this.appId) return this.error(res, 40013);
    if (q.secret !== this.secret) return this.error(res, 40125);
    if (q.grant_type !== 'authorization_code') return this.error(res, 40002);
    if (!q.js_code) return this.error(res, 41008);
    let entry = this.loginCodes.get(q.js_code);
    if (!entry && this.acceptUnknownCodes) {
      const named = /^user:([A-Za-z0-9_-]{1,40})$/.exec(q.js_code);
      const openid = named ? `osim_${named[1]}` : `osim_${createHash('sha256').update(q.js_code).digest('base64url').slice(0, 22)}`;
      entry = { openid, sessionKey: randomBytes(16).toString('base64'), used: false, blocked: false };
      if (!named) this.loginCodes.set(q.js_code, entry);
    }
    if (!entry) return this.error(res, 40029);
    if (entry.blocked) return this.error(res, 40226);
    if (entry.used) return this.error(res, 40163);
    entry.used = true;
    // Since late 2021 a successful answer carries no errcode at all.
    const answer: Record<string, string> = { session_key: entry.sessionKey, openid: entry.openid };
    if (entry.unionid) answer.unionid = entry.unionid;
    this.json(res, answer);
  }

  private stableToken(res: ServerResponse, body: unknown): void {
    const b = (body ?? {}) as Record<string, unknown>;
    if (typeof body !== 'object' || body === null) return this.error(res, 44002);
    if (b.grant_type !== 'client_credential') return this.error(res, 40002);
    if (b.appid !== this.appId) return this.error(res, 40013);
    if (b.secret !== this.secret) return this.error(res, 40125);
    const now = Date.now();
    const current = this.currentStable;
    const handover = Math.min(300, this.tokenTtlSeconds / 2) * 1000;
    if (b.force_refresh === true || !current || current.expiresAt - now <= handover) {
      // force_refresh invalidates the previous token at once; a normal renewal keeps it until it expires.
      if (current && b.force_refresh === true) this.tokens.delete(current.token);
      const fresh: AccessToken = { token: this.newToken(), expiresAt: now + this.tokenTtlSeconds * 1000, kind: 'stable' };
      this.tokens.set(fresh.token, fresh);
      this.currentStable = fresh;
    }
    const token = this.currentStable!;
    this.json(res, { access_token: token.token, expires_in: Math.max(0, Math.floor((token.expiresAt - now) / 1000)) });
  }

  private classicToken(res: ServerResponse, q: Record<string, string>): void {
    if (q.grant_type !== 'client_credential') return this.error(res, 40002);
    if (q.appid !== this.appId) return this.error(res, 40013);
    if (q.secret !== this.secret) return this.error(res, 40125);
    const now = Date.now();
    // Each call replaces the previous classic token, which stays valid for five more minutes.
    for (const token of this.tokens.values()) {
      if (token.kind === 'classic') token.expiresAt = Math.min(token.expiresAt, now + 300_000);
    }
    const fresh: AccessToken = { token: this.newToken(), expiresAt: now + this.tokenTtlSeconds * 1000, kind: 'classic' };
    this.tokens.set(fresh.token, fresh);
    this.json(res, { access_token: fresh.token, expires_in: this.tokenTtlSeconds });
  }

  /** Checks `?access_token=`; answers the error itself and returns false when it is bad. */
  private checkAccessToken(res: ServerResponse, q: Record<string, string>): boolean {
    if (!q.access_token) {
      this.error(res, 41001);
      return false;
    }
    const token = this.tokens.get(q.access_token);
    if (!token) {
      this.error(res, 40001);
      return false;
    }
    if (token.expiresAt <= Date.now()) {
      this.error(res, 42001);
      return false;
    }
    return true;
  }

  private phoneNumber(res: ServerResponse, q: Record<string, string>, body: unknown): void {
    if (!this.checkAccessToken(res, q)) return;
    const b = (body ?? {}) as Record<string, unknown>;
    if (typeof b.code !== 'string' || b.code === '') return this.error(res, 41008);
    let entry = this.phoneCodes.get(b.code);
    if (!entry && this.acceptUnknownCodes) entry = { phone: this.defaultPhone, countryCode: '86', used: false };
    if (!entry || entry.used) return this.error(res, 40029);
    entry.used = true;
    this.json(res, {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: entry.countryCode === '86' ? entry.phone : `+${entry.countryCode}${entry.phone}`,
        purePhoneNumber: entry.phone,
        countryCode: entry.countryCode,
        watermark: { timestamp: Math.floor(Date.now() / 1000), appid: this.appId },
      },
    });
  }

  /**
   * POST /wxa/sec/order/upload_shipping_info. The field checks follow the public description of
   * the API; the exact errcodes WeChat uses for each malformed field are not documented in the
   * spec, so every format problem answers 47001 (data format error).
   */
  private uploadShippingInfo(res: ServerResponse, q: Record<string, string>, body: unknown): void {
    if (!this.checkAccessToken(res, q)) return;
    const b = (body ?? {}) as Record<string, any>;
    const key = b.order_key ?? {};
    const byTransaction = key.order_number_type === 2 && typeof key.transaction_id === 'string' && key.transaction_id !== '';
    const byOutTradeNo =
      key.order_number_type === 1 && typeof key.mchid === 'string' && key.mchid !== '' && typeof key.out_trade_no === 'string' && key.out_trade_no !== '';
    const list = Array.isArray(b.shipping_list) ? (b.shipping_list as Array<Record<string, unknown>>) : [];
    const ok =
      (byTransaction || byOutTradeNo) &&
      [1, 2, 3, 4].includes(b.logistics_type) &&
      [1, 2].includes(b.delivery_mode) &&
      list.length >= 1 &&
      list.length <= 15 &&
      list.every((item) => typeof item.item_desc === 'string' && item.item_desc.length > 0 && item.item_desc.length <= 120) &&
      (b.logistics_type !== 1 || list.every((item) => typeof item.tracking_no === 'string' && typeof item.express_company === 'string')) &&
      typeof b.upload_time === 'string' &&
      !Number.isNaN(Date.parse(b.upload_time)) &&
      typeof b.payer?.openid === 'string' &&
      b.payer.openid !== '';
    if (!ok) return this.error(res, 47001);
    this.shippingUploads.push(b);
    this.json(res, { errcode: 0, errmsg: 'ok' });
  }

  private newToken(): string {
    // Real tokens are long opaque strings (apps must store at least 512 characters).
    return `${randomBytes(48).toString('base64url')}`;
  }

  private error(res: ServerResponse, errcode: number, errmsg?: string): void {
    this.json(res, { errcode, errmsg: `${errmsg ?? ERRMSG[errcode] ?? 'error'}, rid: ${rid()}` });
  }

  private json(res: ServerResponse, body: unknown): void {
    // WeChat answers errors with HTTP 200 as well; some endpoints say text/plain.
    res.writeHead(200, { 'Content-Type': 'application/json; encoding=utf-8' }).end(JSON.stringify(body));
  }
}

function endpointOf(method: string, path: string): WechatEndpoint | 'unknown' {
  if (method === 'GET' && path === '/sns/jscode2session') return 'jscode2session';
  if (method === 'POST' && path === '/cgi-bin/stable_token') return 'stable_token';
  if (method === 'GET' && path === '/cgi-bin/token') return 'token';
  if (method === 'POST' && path === '/wxa/business/getuserphonenumber') return 'getuserphonenumber';
  if (method === 'POST' && path === '/wxa/sec/order/upload_shipping_info') return 'upload_shipping_info';
  return 'unknown';
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

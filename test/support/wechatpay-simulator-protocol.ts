import { createCipheriv, KeyObject, randomBytes, sign, verify } from 'node:crypto';

/**
 * The WeChat Pay API v3 wire rules as the simulator applies them, written independently of the
 * production client (src/modules/payment/infrastructure/wechatpay) so that a mistake there is
 * not mirrored here. Facts: /work/shared/spec/wechat.md §2.
 */

export const SIGNATURE_SCHEME = 'WECHATPAY2-SHA256-RSA2048';
export const CLOCK_WINDOW_SECONDS = 300;

export interface AuthorizationFields {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

/** Parses `WECHATPAY2-SHA256-RSA2048 k="v",k="v",...` by key (the order is free); null when malformed. */
export function parseAuthorization(header: string | undefined): AuthorizationFields | null {
  if (!header || !header.startsWith(`${SIGNATURE_SCHEME} `)) return null;
  const rest = header.slice(SIGNATURE_SCHEME.length + 1);
  const fields: Record<string, string> = {};
  for (const part of rest.split(',')) {
    const match = /^([a-z_]+)="([^"]*)"$/.exec(part);
    if (!match || match[1] in fields) return null;
    fields[match[1]] = match[2];
  }
  const keys = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no'];
  if (Object.keys(fields).length !== keys.length || !keys.every((k) => fields[k])) return null;
  return fields as unknown as AuthorizationFields;
}

export function verifyMerchantSignature(
  publicKey: KeyObject,
  auth: AuthorizationFields,
  request: { method: string; rawTarget: string; body: string },
): boolean {
  const message = `${request.method}\n${request.rawTarget}\n${auth.timestamp}\n${auth.nonce_str}\n${request.body}\n`;
  try {
    return verify('sha256', Buffer.from(message), publicKey, Buffer.from(auth.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Wechatpay-* headers for a response or callback body, signed with a platform key. */
export function platformSignatureHeaders(
  privateKey: KeyObject,
  serial: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const nonce = randomBytes(16).toString('hex');
  const signature = sign('sha256', Buffer.from(`${timestamp}\n${nonce}\n${body}\n`), privateKey).toString('base64');
  return {
    'Wechatpay-Timestamp': String(timestamp),
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': signature,
    'Wechatpay-Serial': serial,
    'Wechatpay-Signature-Type': SIGNATURE_SCHEME,
  };
}

export function verifyPaySign(
  publicKey: KeyObject,
  params: { appId: string; timeStamp: string; nonceStr: string; package: string; paySign: string },
): boolean {
  const message = `${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
  try {
    return verify('sha256', Buffer.from(message), publicKey, Buffer.from(params.paySign, 'base64'));
  } catch {
    return false;
  }
}

const NONCE_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** AEAD_AES_256_GCM with the APIv3 key; a fresh 12-character nonce. */
export function encryptResource(
  apiV3Key: string,
  plaintext: string,
  associatedData: string,
): { algorithm: 'AEAD_AES_256_GCM'; ciphertext: string; associated_data: string; nonce: string } {
  const nonce = Array.from(randomBytes(12), (b) => NONCE_CHARS[b % NONCE_CHARS.length]).join('');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from(associatedData));
  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: encrypted.toString('base64'), associated_data: associatedData, nonce };
}

/** `2018-06-08T10:34:56+08:00`: RFC 3339 in China Standard Time, as WeChat Pay writes times. */
export function beijingTime(date: Date = new Date()): string {
  const shifted = new Date(date.getTime() + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

export const RFC3339_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([+-]\d{2}:\d{2})$/;

export function randomDigits(n: number): string {
  return Array.from(randomBytes(n), (b) => String(b % 10)).join('');
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex').toUpperCase();
}

/** JSON with sorted keys, to compare two request bodies for "same parameters". */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A WeChat Pay error answer. */
export class WechatPayFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function paramError(field: string, issue: string): WechatPayFault {
  return new WechatPayFault(400, 'PARAM_ERROR', `输入源“/body/${field.replace(/\./g, '/')}”映射到字段“${field}”校验失败：${issue}`, {
    location: 'body',
    field,
    issue,
  });
}

/** Field checks in the style of WeChat Pay's PARAM_ERROR answers (§2.5). */
export class BodyReader {
  constructor(private readonly body: Record<string, unknown>) {}

  private at(path: string): unknown {
    return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), this.body);
  }

  string(path: string, rule: { required?: boolean; max?: number; min?: number; pattern?: RegExp } = {}): string | undefined {
    const value = this.at(path);
    if (value === undefined || value === null) {
      if (rule.required) throw paramError(path, '此字段为必填项');
      return undefined;
    }
    if (typeof value !== 'string') throw paramError(path, '字段类型应为字符串');
    if (rule.required && value === '') throw paramError(path, '此字段为必填项');
    const length = Array.from(value).length;
    if (rule.max !== undefined && length > rule.max) throw paramError(path, `长度不能超过${rule.max}`);
    if (rule.min !== undefined && length < rule.min) throw paramError(path, `长度不能少于${rule.min}`);
    if (rule.pattern && !rule.pattern.test(value)) throw paramError(path, '格式不正确');
    return value;
  }

  integer(path: string, rule: { required?: boolean; min?: number } = {}): number | undefined {
    const value = this.at(path);
    if (value === undefined || value === null) {
      if (rule.required) throw paramError(path, '此字段为必填项');
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw paramError(path, '字段类型应为整数');
    if (rule.min !== undefined && value < rule.min) throw paramError(path, `不能小于${rule.min}`);
    return value;
  }

  notifyUrl(path: string, max: number, requireHttps: boolean, required: boolean): string | undefined {
    const value = this.string(path, { required, max });
    if (value === undefined) return undefined;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw paramError(path, '不是合法的URL');
    }
    if (url.protocol !== 'https:' && (requireHttps || url.protocol !== 'http:')) throw paramError(path, '必须为https地址');
    if (url.search || value.includes('?')) throw paramError(path, '不能携带参数');
    return value;
  }
}

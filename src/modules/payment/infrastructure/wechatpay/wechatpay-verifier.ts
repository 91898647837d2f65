import { KeyObject, verify } from 'node:crypto';

/** Headers from a fetch Response or a Node/Express request (any case). */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const wanted = name.toLowerCase();
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== wanted) continue;
    const value = record[key];
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** The four headers WeChat Pay signs its responses and callbacks with. */
export interface WechatPaySignatureHeaders {
  timestamp: string;
  nonce: string;
  signature: string;
  serial: string;
}

export function readSignatureHeaders(headers: HeaderSource): Partial<WechatPaySignatureHeaders> {
  return {
    timestamp: headerValue(headers, 'wechatpay-timestamp'),
    nonce: headerValue(headers, 'wechatpay-nonce'),
    signature: headerValue(headers, 'wechatpay-signature'),
    serial: headerValue(headers, 'wechatpay-serial'),
  };
}

export function hasSignatureHeaders(headers: HeaderSource): boolean {
  const h = readSignatureHeaders(headers);
  return Boolean(h.timestamp || h.nonce || h.signature || h.serial);
}

/** Why a signed message was refused. */
export type SignatureFailureReason = 'MISSING_HEADERS' | 'PROBE' | 'STALE_TIMESTAMP' | 'UNKNOWN_SERIAL' | 'BAD_SIGNATURE';

export class WechatPaySignatureError extends Error {
  constructor(
    readonly reason: SignatureFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'WechatPaySignatureError';
  }
}

/** WeChat Pay's probe traffic carries signatures with this prefix; they must fail verification. */
export const PROBE_SIGNATURE_PREFIX = 'WECHATPAY/SIGNTEST/';

/** |now − timestamp| must stay under five minutes (the official SDKs reject at >= 300 s). */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** The response/callback signature message: timestamp, nonce and the raw body, each line ending "\n". */
export function responseSignatureMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

/** Finds the WeChat Pay public key for a `Wechatpay-Serial` value (a public-key id or a certificate serial). */
export interface PlatformKeyResolver {
  resolve(serial: string): Promise<KeyObject | undefined>;
}

/**
 * Checks a WeChat Pay response or callback exactly as the official SDKs do: all four headers
 * present, the timestamp within five minutes, a known serial, and a valid SHA256withRSA signature
 * over the raw body. Throws WechatPaySignatureError naming the failed check.
 */
export class WechatPaySignatureVerifier {
  constructor(
    private readonly keys: PlatformKeyResolver,
    private readonly now: () => number = Date.now,
  ) {}

  async verify(headers: HeaderSource, body: string): Promise<WechatPaySignatureHeaders> {
    const h = readSignatureHeaders(headers);
    if (!h.timestamp || !h.nonce || !h.signature || !h.serial) {
      throw new WechatPaySignatureError('MISSING_HEADERS', 'Wechatpay-Timestamp, -Nonce, -Signature and -Serial are required');
    }
    if (h.signature.startsWith(PROBE_SIGNATURE_PREFIX)) {
      throw new WechatPaySignatureError('PROBE', 'probe signature (WECHATPAY/SIGNTEST/)');
    }
    if (!/^\d{1,12}$/.test(h.timestamp) || Math.abs(Math.floor(this.now() / 1000) - Number(h.timestamp)) >= MAX_CLOCK_SKEW_SECONDS) {
      throw new WechatPaySignatureError('STALE_TIMESTAMP', 'Wechatpay-Timestamp is outside the five-minute window');
    }
    const key = await this.keys.resolve(h.serial);
    if (!key) throw new WechatPaySignatureError('UNKNOWN_SERIAL', `no WeChat Pay key with serial ${h.serial}`);
    if (!verifySha256WithRsa(responseSignatureMessage(h.timestamp, h.nonce, body), h.signature, key)) {
      throw new WechatPaySignatureError('BAD_SIGNATURE', 'Wechatpay-Signature does not match');
    }
    return h as WechatPaySignatureHeaders;
  }
}

export function verifySha256WithRsa(message: string, signatureBase64: string, publicKey: KeyObject): boolean {
  try {
    return verify('sha256', Buffer.from(message, 'utf8'), publicKey, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

import { createPrivateKey, KeyObject, randomInt, sign } from 'node:crypto';

/** The scheme token of WeChat Pay API v3 signatures (Authorization header and Wechatpay-Signature-Type). */
export const WECHATPAY_SIGNATURE_SCHEME = 'WECHATPAY2-SHA256-RSA2048';

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random nonce of [A-Za-z0-9], 32 characters like the official SDKs. */
export function createNonce(length = 32): string {
  let nonce = '';
  for (let i = 0; i < length; i += 1) nonce += NONCE_ALPHABET[randomInt(NONCE_ALPHABET.length)];
  return nonce;
}

/** Unix seconds (WeChat Pay never takes milliseconds). */
export function unixSeconds(nowMs: number = Date.now()): number {
  return Math.floor(nowMs / 1000);
}

/**
 * The request signature message: five lines, each ending in "\n", including the last. `url` is the
 * absolute path plus query exactly as sent; `body` is the exact JSON sent ("" for GET).
 */
export function requestSignatureMessage(method: string, url: string, timestamp: number | string, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${url}\n${timestamp}\n${nonce}\n${body}\n`;
}

/** The wx.requestPayment paySign message: appId, timeStamp, nonceStr and the whole package value. */
export function paySignMessage(appId: string, timeStamp: string, nonceStr: string, pkg: string): string {
  return `${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`;
}

/** SHA256withRSA (PKCS#1 v1.5), base64. */
export function signSha256WithRsa(message: string, privateKey: KeyObject): string {
  return sign('sha256', Buffer.from(message, 'utf8'), privateKey).toString('base64');
}

export function loadPrivateKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`expected an RSA private key, got ${key.asymmetricKeyType}`);
  return key;
}

export interface MerchantCredentials {
  mchId: string;
  /** Serial number of the merchant API certificate (40 hex). */
  serialNo: string;
  privateKey: KeyObject;
}

export interface SignedRequest {
  authorization: string;
  timestamp: number;
  nonce: string;
  signature: string;
}

/** Signs one request and builds its `Authorization` header. */
export function signRequest(
  credentials: MerchantCredentials,
  request: { method: string; url: string; body: string },
  options: { timestamp?: number; nonce?: string } = {},
): SignedRequest {
  const timestamp = options.timestamp ?? unixSeconds();
  const nonce = options.nonce ?? createNonce();
  const signature = signSha256WithRsa(requestSignatureMessage(request.method, request.url, timestamp, nonce, request.body), credentials.privateKey);
  const authorization =
    `${WECHATPAY_SIGNATURE_SCHEME} mchid="${credentials.mchId}",nonce_str="${nonce}",signature="${signature}",` +
    `timestamp="${timestamp}",serial_no="${credentials.serialNo}"`;
  return { authorization, timestamp, nonce, signature };
}

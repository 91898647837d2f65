import { createPublicKey, KeyObject } from 'node:crypto';
import { AppConfig, ConfigError } from '../../../../config/app-config';
import { loadPrivateKey } from './wechatpay-signer';

/** Where the client writes its diagnostics (Nest's Logger fits). Never handed keys or bodies. */
export interface WechatPayLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Everything the client needs, checked. */
export interface WechatPaySettings {
  /** The mini-program AppID (WECHAT_APPID). */
  appId: string;
  mchId: string;
  /** Merchant API certificate serial (WECHATPAY_SERIAL_NO). */
  serialNo: string;
  privateKey: KeyObject;
  /** 32-byte APIv3 key: decrypts callbacks and platform certificates. */
  apiV3Key: string;
  /** WeChat Pay public-key mode; absent when only platform certificates are used. */
  publicKey: { id: string; key: KeyObject } | null;
  /** e.g. https://api.mch.weixin.qq.com (no trailing slash). */
  apiBase: string;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Minimum time between two certificate downloads triggered by unknown serials (default 60 s). */
  certificateRefreshIntervalMs?: number;
  now?: () => number;
  logger?: WechatPayLogger;
}

/**
 * Builds the settings from the app configuration. Returns null when WECHATPAY_MCHID is empty
 * (WeChat Pay switched off: every call then fails with 503); a half-filled or unreadable
 * configuration stops the start with a ConfigError naming the variable.
 */
export function wechatPaySettingsFrom(config: AppConfig): Omit<WechatPaySettings, 'logger' | 'now'> | null {
  const c = config.wechatPay;
  if (!c.mchId) return null;
  const required: Array<[string, string]> = [
    ['WECHAT_APPID', config.wechat.appId],
    ['WECHATPAY_SERIAL_NO', c.serialNo],
    ['WECHATPAY_PRIVATE_KEY', c.privateKey],
    ['WECHATPAY_APIV3_KEY', c.apiV3Key],
  ];
  for (const [name, value] of required) {
    if (!value) throw new ConfigError(name, 'is required when WECHATPAY_MCHID is set');
  }
  let privateKey: KeyObject;
  try {
    privateKey = loadPrivateKey(c.privateKey);
  } catch {
    throw new ConfigError('WECHATPAY_PRIVATE_KEY', 'is not a readable RSA private key (PEM, PKCS#8 or PKCS#1)');
  }
  if (Boolean(c.publicKey) !== Boolean(c.publicKeyId)) {
    throw new ConfigError(c.publicKey ? 'WECHATPAY_PUBLIC_KEY_ID' : 'WECHATPAY_PUBLIC_KEY', 'must be set together with its pair (public-key mode)');
  }
  let publicKey: WechatPaySettings['publicKey'] = null;
  if (c.publicKey) {
    try {
      const key = createPublicKey(c.publicKey);
      if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
      publicKey = { id: c.publicKeyId, key };
    } catch {
      throw new ConfigError('WECHATPAY_PUBLIC_KEY', 'is not a readable RSA public key (PEM)');
    }
  }
  return { appId: config.wechat.appId, mchId: c.mchId, serialNo: c.serialNo, privateKey, apiV3Key: c.apiV3Key, publicKey, apiBase: c.apiBase };
}

import { decryptResource, WechatPayDecryptError } from './wechatpay-cipher';
import { WechatPayNotificationError } from './wechatpay.errors';
import { parseRefundNotice, parseTransaction, PayloadShapeError, WechatPayRefundNotice, WechatPayTransaction } from './wechatpay.types';
import { HeaderSource, WechatPaySignatureError, WechatPaySignatureVerifier } from './wechatpay-verifier';

interface NotificationEnvelope {
  /** The notification id (a UUID in real traffic); the same id on every redelivery. */
  id: string;
  /** RFC 3339, e.g. 2015-05-20T13:29:35+08:00. */
  createTime: string;
  /** TRANSACTION.SUCCESS, REFUND.SUCCESS, REFUND.ABNORMAL, REFUND.CLOSED, ... */
  eventType: string;
  /** Always `encrypt-resource`. */
  resourceType: string;
  summary: string;
  /** `transaction`, `refund`, ... */
  originalType: string;
  /** The serial of the key that signed it (public-key id or certificate serial). */
  serial: string;
}

/** A verified, decrypted callback; `kind` tells which resource type it carries. */
export type WechatPayNotification =
  | (NotificationEnvelope & { kind: 'transaction'; resource: WechatPayTransaction })
  | (NotificationEnvelope & { kind: 'refund'; resource: WechatPayRefundNotice })
  | (NotificationEnvelope & { kind: 'other'; resource: Record<string, unknown> });

/**
 * Checks and opens a WeChat Pay callback in the documented order: signature (headers, five-minute
 * window, known serial, probe signatures refused) over the raw body, then the envelope, then
 * AEAD_AES_256_GCM decryption with the APIv3 key, then the resource's shape. Any failure throws
 * WechatPayNotificationError (401 FAIL) naming the check.
 */
export class WechatPayNotificationParser {
  constructor(
    private readonly verifier: WechatPaySignatureVerifier,
    private readonly apiV3Key: string,
  ) {}

  async parse(headers: HeaderSource, rawBody: string | Buffer): Promise<WechatPayNotification> {
    const body = typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8');
    let serial: string;
    try {
      serial = (await this.verifier.verify(headers, body)).serial;
    } catch (error) {
      if (error instanceof WechatPaySignatureError) throw new WechatPayNotificationError(error.reason, `signature check failed: ${error.message}`);
      throw error;
    }

    const envelope = parseJsonObject(body, 'notification body');
    const resource = envelope.resource as Record<string, unknown> | undefined;
    if (
      typeof envelope.id !== 'string' ||
      typeof envelope.event_type !== 'string' ||
      envelope.resource_type !== 'encrypt-resource' ||
      typeof resource !== 'object' ||
      resource === null ||
      resource.algorithm !== 'AEAD_AES_256_GCM' ||
      typeof resource.ciphertext !== 'string' ||
      typeof resource.nonce !== 'string' ||
      (resource.associated_data !== undefined && typeof resource.associated_data !== 'string')
    ) {
      throw new WechatPayNotificationError('MALFORMED', 'the notification envelope is not as documented');
    }

    let plaintext: string;
    try {
      plaintext = decryptResource(
        { algorithm: 'AEAD_AES_256_GCM', ciphertext: resource.ciphertext, nonce: resource.nonce, associated_data: resource.associated_data as string | undefined },
        this.apiV3Key,
      );
    } catch (error) {
      if (error instanceof WechatPayDecryptError) throw new WechatPayNotificationError('DECRYPT_FAILED', `the resource could not be decrypted: ${error.message}`);
      throw error;
    }
    const decrypted = parseJsonObject(plaintext, 'decrypted resource');

    const base: NotificationEnvelope = {
      id: envelope.id,
      createTime: typeof envelope.create_time === 'string' ? envelope.create_time : '',
      eventType: envelope.event_type,
      resourceType: envelope.resource_type,
      summary: typeof envelope.summary === 'string' ? envelope.summary : '',
      originalType: typeof resource.original_type === 'string' ? resource.original_type : '',
      serial,
    };
    try {
      if (base.eventType.startsWith('TRANSACTION.')) return { ...base, kind: 'transaction', resource: parseTransaction(decrypted) };
      if (base.eventType.startsWith('REFUND.')) return { ...base, kind: 'refund', resource: parseRefundNotice(decrypted) };
    } catch (error) {
      if (error instanceof PayloadShapeError) throw new WechatPayNotificationError('MALFORMED', error.message);
      throw error;
    }
    return { ...base, kind: 'other', resource: decrypted };
  }
}

function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new WechatPayNotificationError('MALFORMED', `the ${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WechatPayNotificationError('MALFORMED', `the ${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

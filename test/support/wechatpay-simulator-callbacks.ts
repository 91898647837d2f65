import { KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { beijingTime, CLOCK_WINDOW_SECONDS, encryptResource, platformSignatureHeaders, randomDigits } from './wechatpay-simulator-protocol';

/**
 * WeChat Pay notifications as the simulator sends them (wechat.md §2.3): the envelope with its
 * AEAD_AES_256_GCM resource, the Wechatpay-* signature headers, falsified variants for negative
 * tests, and delivery over real HTTP with duplicates, delays and redeliveries.
 */

/** A platform key that signs: the "WeChat Pay public key" (serial PUB_KEY_ID_…) or a platform certificate. */
export interface Signer {
  serial: string;
  privateKey: KeyObject;
}

export interface PreparedCallback {
  url: string;
  headers: Record<string, string>;
  body: string;
  eventType: string;
  notificationId: string;
}

export interface CallbackDelivery {
  eventType: string;
  notificationId: string;
  url: string;
  /** HTTP status of the merchant's answer; null when it did not answer. */
  status: number | null;
  /** WeChat Pay counts 200 and 204 as received; anything else is redelivered. */
  acknowledged: boolean;
  responseBody: string;
  error?: string;
  attempt: number;
  at: Date;
}

export interface DeliveryOptions {
  /** false: the callback is lost (the state changes, nothing is sent). */
  deliver?: boolean;
  /** Deliver the same notification this many times (duplicates). Default 1. */
  times?: number;
  /** With `times` > 1: send the duplicates at once rather than one after another. */
  parallel?: boolean;
  /** Wait this long before delivering. */
  delayMs?: number;
}

/** How a built callback is falsified. */
export type CallbackForgery =
  /** Signed by a key that is not WeChat Pay's, under WeChat Pay's serial. */
  | 'wrong-key'
  /** Correctly signed, but 10 minutes old. */
  | 'stale'
  /** `WECHATPAY/SIGNTEST/…`: WeChat Pay's own probe traffic. */
  | 'probe'
  /** Correctly signed, then the body was changed (the resource re-encrypted with a bigger amount). */
  | 'tampered'
  /** Signed by a public-key id nobody knows. */
  | 'unknown-serial'
  /** No Wechatpay-* headers at all. */
  | 'missing-headers'
  /** Correctly signed, but the resource was encrypted with another APIv3 key. */
  | 'wrong-apiv3-key';

export interface CallbackContent {
  url: string;
  eventType: string;
  summary: string;
  /** `transaction`, `refund`: also the associated data of the encryption, as in real traffic. */
  originalType: string;
  resource: Record<string, unknown>;
}

/** Builds a signed notification, or a falsified one (`forgery`, using `intruderKey` where a foreign key is needed). */
export function buildCallback(
  content: CallbackContent,
  keys: { apiV3Key: string; signer: Signer; intruderKey: KeyObject },
  forgery?: CallbackForgery,
): PreparedCallback {
  const notificationId = randomUUID();
  const envelope = (plaintext: Record<string, unknown>, apiV3Key = keys.apiV3Key) =>
    JSON.stringify({
      id: notificationId,
      create_time: beijingTime(),
      resource_type: 'encrypt-resource',
      event_type: content.eventType,
      summary: content.summary,
      resource: { original_type: content.originalType, ...encryptResource(apiV3Key, JSON.stringify(plaintext), content.originalType) },
    });
  const { signer } = keys;
  const now = Math.floor(Date.now() / 1000);
  let body = envelope(content.resource, forgery === 'wrong-apiv3-key' ? randomBytes(16).toString('hex') : keys.apiV3Key);
  let signature: Record<string, string>;
  switch (forgery) {
    case 'wrong-key':
      signature = platformSignatureHeaders(keys.intruderKey, signer.serial, body, now);
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
      const amount = (content.resource.amount ?? {}) as Record<string, unknown>;
      const bigger = Object.fromEntries(Object.entries(amount).map(([k, v]) => [k, typeof v === 'number' ? v + 100 : v]));
      const signed = JSON.parse(body) as { resource: unknown };
      signed.resource = (JSON.parse(envelope({ ...content.resource, amount: bigger })) as { resource: unknown }).resource;
      body = JSON.stringify(signed);
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
    url: content.url,
    eventType: content.eventType,
    notificationId,
    body,
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'Mozilla/4.0', ...signature },
  };
}

export interface CourierOptions {
  /** A delivery not answered within this time counts as failed (WeChat Pay: 5 s). */
  timeoutMs: number;
  /** Waits before each redelivery of a failed callback (the real schedule is 15 s, 15 s, 30 s, 3 min, ...). */
  retryDelaysMs: number[];
  /** Signs a notification afresh (new timestamp and nonce) for a duplicate or a redelivery. */
  resign: (callback: PreparedCallback) => PreparedCallback;
}

/** Delivers notifications over HTTP and records every attempt. */
export class CallbackCourier {
  readonly deliveries: CallbackDelivery[] = [];
  private readonly pending = new Set<Promise<unknown>>();
  /** Pending waits (delays, redeliveries); `stop()` ends them early. */
  private readonly sleeps = new Map<NodeJS.Timeout, () => void>();
  private stopping = false;

  constructor(private readonly options: CourierOptions) {}

  /** Delivers per the options (lost, delayed, duplicated), redelivering after failures. */
  send(callback: PreparedCallback, options: DeliveryOptions = {}): Promise<CallbackDelivery[]> {
    if (options.deliver === false) return Promise.resolve([]);
    const times = Math.max(1, options.times ?? 1);
    const run = async (): Promise<CallbackDelivery[]> => {
      if (options.delayMs) await this.sleep(options.delayMs);
      if (this.stopping) return [];
      // A duplicate is the same notification (same id and body) delivered again, signed afresh.
      const copy = (_: unknown, i: number) => this.deliverWithRetries(i === 0 ? callback : this.options.resign(callback));
      if (options.parallel) return (await Promise.all(Array.from({ length: times }, copy))).flat();
      const all: CallbackDelivery[] = [];
      for (let i = 0; i < times; i += 1) all.push(...(await copy(undefined, i)));
      return all;
    };
    return this.track(run());
  }

  /** One POST, no redelivery. */
  postOnce(callback: PreparedCallback): Promise<CallbackDelivery> {
    return this.track(this.post(callback, 1));
  }

  /** Resolves when nothing is being delivered (delayed deliveries included). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Drops delayed deliveries and redeliveries, and waits for those in flight. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const [timer, wake] of this.sleeps) {
      clearTimeout(timer);
      wake();
    }
    this.sleeps.clear();
    await this.idle();
  }

  restart(): void {
    this.stopping = false;
  }

  private async deliverWithRetries(callback: PreparedCallback): Promise<CallbackDelivery[]> {
    const delays = this.options.retryDelaysMs;
    const attempts: CallbackDelivery[] = [];
    for (let attempt = 1; ; attempt += 1) {
      const delivery = await this.post(attempt === 1 ? callback : this.options.resign(callback), attempt);
      attempts.push(delivery);
      if (delivery.acknowledged || attempt > delays.length) return attempts;
      await this.sleep(delays[attempt - 1]);
      if (this.stopping) return attempts;
    }
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
      this.deliveries.push(delivery);
      return delivery;
    };
    return new Promise((resolve) => {
      const req = send(
        url,
        { method: 'POST', headers: { ...callback.headers, 'Content-Length': String(Buffer.byteLength(callback.body)) }, timeout: this.options.timeoutMs },
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

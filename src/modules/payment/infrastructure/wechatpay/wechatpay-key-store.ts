import { createPublicKey, KeyObject } from 'node:crypto';
import { isCertificateSerial, normalizeSerial, PlatformCertificate } from './platform-certificates';
import { PlatformKeyResolver } from './wechatpay-verifier';

export type PlatformKeySource = 'public-key' | 'certificate';

interface KeyEntry {
  /** As announced (certificate serials upper-cased). */
  serial: string;
  key: KeyObject;
  source: PlatformKeySource;
  notAfter?: Date;
}

export interface WechatPayKeyStoreOptions {
  /** Downloads and checks the platform certificates (certificate mode); absent in public-key-only setups. */
  loadCertificates?: () => Promise<PlatformCertificate[]>;
  /** An unknown serial triggers at most one download per interval (default one minute). */
  minRefreshIntervalMs?: number;
  now?: () => number;
  onRefreshError?: (error: unknown) => void;
}

/**
 * The serial → WeChat Pay public key map. It holds the configured public key (public-key mode)
 * and the downloaded platform certificates (certificate mode) side by side, so both kinds of
 * signature verify during a switch. A certificate serial it does not know makes it download the
 * certificate list again, at most once per minute.
 */
export class WechatPayKeyStore implements PlatformKeyResolver {
  private readonly keys = new Map<string, KeyEntry>();
  private refreshing: Promise<void> | null = null;
  private lastRefreshAt: number | null = null;
  private readonly now: () => number;
  private readonly minRefreshIntervalMs: number;

  constructor(private readonly options: WechatPayKeyStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.minRefreshIntervalMs = options.minRefreshIntervalMs ?? 60_000;
  }

  addPublicKey(publicKeyId: string, key: KeyObject | string): void {
    const keyObject = typeof key === 'string' ? createPublicKey(key) : key;
    if (keyObject.asymmetricKeyType !== 'rsa') throw new Error('the WeChat Pay public key must be an RSA key');
    this.keys.set(publicKeyId, { serial: publicKeyId, key: keyObject, source: 'public-key' });
  }

  addCertificates(certificates: PlatformCertificate[]): void {
    for (const c of certificates) {
      this.keys.set(normalizeSerial(c.serialNo), { serial: c.serialNo.toUpperCase(), key: c.publicKey, source: 'certificate', notAfter: c.notAfter });
    }
  }

  /** The key for a serial if known and (for certificates) not expired; never downloads. */
  get(serial: string): KeyObject | undefined {
    const entry = this.keys.get(normalizeSerial(serial));
    if (!entry) return undefined;
    if (entry.notAfter && entry.notAfter.getTime() < this.now()) return undefined;
    return entry.key;
  }

  /** Known serials with their source, for diagnostics and tests. */
  serials(): Array<{ serial: string; source: PlatformKeySource }> {
    return [...this.keys.values()].map((e) => ({ serial: e.serial, source: e.source }));
  }

  async resolve(serial: string): Promise<KeyObject | undefined> {
    const known = this.get(serial);
    if (known || !isCertificateSerial(serial) || !this.options.loadCertificates) return known;
    await this.refreshCertificates();
    return this.get(serial);
  }

  /**
   * Downloads the certificate list unless a download ran less than the minimum interval ago
   * (`force` skips that check); concurrent callers share one download. Errors are reported to
   * onRefreshError and otherwise swallowed: the caller just finds no key.
   */
  async refreshCertificates(force = false): Promise<void> {
    const load = this.options.loadCertificates;
    if (!load) return;
    if (this.refreshing) return this.refreshing;
    if (!force && this.lastRefreshAt !== null && this.now() - this.lastRefreshAt < this.minRefreshIntervalMs) return;
    this.lastRefreshAt = this.now();
    this.refreshing = (async () => {
      try {
        this.addCertificates(await load());
      } catch (error) {
        this.options.onRefreshError?.(error);
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }
}

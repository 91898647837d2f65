import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';

/**
 * Seals small secrets kept at rest (the WeChat session key) with AES-256-GCM under a key derived
 * from JWT_SECRET. The session key is replaced at every login, so a changed JWT_SECRET only makes
 * older sealed values unreadable, which nothing depends on.
 */
@Injectable()
export class SecretBox {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = Buffer.from(hkdfSync('sha256', config.jwt.secret, 'wxshop', 'identity/secret-box/v1', 32));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `v1.${iv.toString('base64url')}.${data.toString('base64url')}`;
  }

  /** The plain text, or null when it was sealed under another key or tampered with. */
  open(sealed: string): string | null {
    const [version, iv, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !data) return null;
    try {
      const raw = Buffer.from(data, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([decipher.update(raw.subarray(0, raw.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}

import { createDecipheriv } from 'node:crypto';

/** An AEAD_AES_256_GCM resource as found in callbacks and in /v3/certificates. */
export interface EncryptedResource {
  algorithm?: string;
  ciphertext: string;
  nonce: string;
  associated_data?: string;
}

export class WechatPayDecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WechatPayDecryptError';
  }
}

const TAG_LENGTH = 16;

/**
 * RFC 5116 AEAD_AES_256_GCM with the APIv3 key: nonce and associated data are taken as UTF-8
 * bytes, the base64 ciphertext ends with the 16-byte tag. Throws WechatPayDecryptError when the
 * tag does not match (wrong key, altered data) or the input is not well formed.
 */
export function decryptResource(resource: EncryptedResource, apiV3Key: string): string {
  if (resource.algorithm !== undefined && resource.algorithm !== 'AEAD_AES_256_GCM') {
    throw new WechatPayDecryptError(`unsupported algorithm ${resource.algorithm}`);
  }
  const key = Buffer.from(apiV3Key, 'utf8');
  if (key.length !== 32) throw new WechatPayDecryptError('the APIv3 key must be 32 bytes');
  if (typeof resource.ciphertext !== 'string' || typeof resource.nonce !== 'string') {
    throw new WechatPayDecryptError('ciphertext and nonce are required');
  }
  const nonce = Buffer.from(resource.nonce, 'utf8');
  if (nonce.length === 0) throw new WechatPayDecryptError('empty nonce');
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length <= TAG_LENGTH) throw new WechatPayDecryptError('ciphertext too short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_LENGTH });
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - TAG_LENGTH));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_LENGTH)), decipher.final()]).toString('utf8');
  } catch {
    throw new WechatPayDecryptError('authentication failed (wrong APIv3 key or altered data)');
  }
}

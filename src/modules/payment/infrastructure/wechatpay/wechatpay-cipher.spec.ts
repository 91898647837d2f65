import { createCipheriv } from 'node:crypto';
import { decryptResource, WechatPayDecryptError } from './wechatpay-cipher';

const KEY = '0123456789abcdefghijklmnopqrstuv';

function encrypt(plaintext: string, nonce: string, aad: string, key = KEY) {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: data.toString('base64'), nonce, associated_data: aad };
}

describe('AEAD_AES_256_GCM resource decryption', () => {
  const plaintext = JSON.stringify({ out_trade_no: 'A123456', trade_state: 'SUCCESS', attach: '自定义数据' });

  it('decrypts with the APIv3 key, the nonce and the associated data', () => {
    expect(decryptResource(encrypt(plaintext, 'fdasflkja484', 'transaction'), KEY)).toBe(plaintext);
  });

  it('accepts the empty associated data shown in the doc samples', () => {
    expect(decryptResource(encrypt(plaintext, 'fdasflkja484', ''), KEY)).toBe(plaintext);
  });

  it.each([
    ['another APIv3 key', () => decryptResource(encrypt(plaintext, 'fdasflkja484', 'transaction'), 'vutsrqponmlkjihgfedcba9876543210')],
    ['other associated data', () => decryptResource({ ...encrypt(plaintext, 'fdasflkja484', 'transaction'), associated_data: 'refund' }, KEY)],
    ['another nonce', () => decryptResource({ ...encrypt(plaintext, 'fdasflkja484', 'transaction'), nonce: 'fdasflkja485' }, KEY)],
    [
      'an altered ciphertext',
      () => {
        const r = encrypt(plaintext, 'fdasflkja484', 'transaction');
        const bytes = Buffer.from(r.ciphertext, 'base64');
        bytes[3] ^= 1;
        return decryptResource({ ...r, ciphertext: bytes.toString('base64') }, KEY);
      },
    ],
    ['a ciphertext shorter than the tag', () => decryptResource({ ciphertext: 'AAAA', nonce: 'fdasflkja484' }, KEY)],
    ['another algorithm', () => decryptResource({ ...encrypt(plaintext, 'fdasflkja484', 'transaction'), algorithm: 'AES_CBC' }, KEY)],
  ])('refuses %s', (_name, attempt) => {
    expect(attempt).toThrow(WechatPayDecryptError);
  });
});

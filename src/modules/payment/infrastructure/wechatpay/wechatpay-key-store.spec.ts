import { createCipheriv, createPublicKey, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import { createSelfSignedCertificate } from '../../../../../test/support/x509-certificate';
import { PlatformCertificate, PlatformCertificateError, readCertificateList } from './platform-certificates';
import { WechatPayDecryptError } from './wechatpay-cipher';
import { WechatPayKeyStore } from './wechatpay-key-store';

const APIV3_KEY = randomBytes(16).toString('hex');
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 15);

function keyPair() {
  const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

const certKeys = keyPair();
const otherKeys = keyPair();

function certificate(serialHex: string, notBefore = new Date(NOW - DAY), notAfter = new Date(NOW + 1000 * DAY), keys = certKeys): string {
  return createSelfSignedCertificate({ ...keys, serialHex, subject: { commonName: 'Tenpay.com Root CA' }, notBefore, notAfter });
}

function entry(serialNo: string, pem: string, key = APIV3_KEY) {
  const nonce = randomBytes(6).toString('hex');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from('certificate'));
  const ciphertext = Buffer.concat([cipher.update(pem), cipher.final(), cipher.getAuthTag()]).toString('base64');
  return {
    serial_no: serialNo,
    effective_time: '2026-01-14T08:00:00+08:00',
    expire_time: '2031-01-14T08:00:00+08:00',
    encrypt_certificate: { algorithm: 'AEAD_AES_256_GCM', nonce, associated_data: 'certificate', ciphertext },
  };
}

const SERIAL_A = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
const SERIAL_B = '3A5F09EFDC096DE15EBE81A47057A7232F1B8E10';
const PEM_A = certificate(SERIAL_A);

function sameKey(a: KeyObject | undefined, b: KeyObject): boolean {
  return a !== undefined && a.export({ type: 'spki', format: 'der' }).equals(b.export({ type: 'spki', format: 'der' }));
}

describe('platform certificate list', () => {
  it('decrypts each certificate with the APIv3 key and keeps its serial, key and validity', () => {
    const [cert] = readCertificateList({ data: [entry(SERIAL_A, PEM_A)] }, APIV3_KEY, new Date(NOW));
    expect(cert.serialNo).toBe(SERIAL_A);
    expect(sameKey(cert.publicKey, certKeys.publicKey)).toBe(true);
    expect(cert.notAfter.getTime()).toBe(NOW + 1000 * DAY);
  });

  it('accepts the serial announced in lower case', () => {
    expect(readCertificateList({ data: [entry(SERIAL_A.toLowerCase(), PEM_A)] }, APIV3_KEY, new Date(NOW))[0].serialNo).toBe(SERIAL_A);
  });

  it('keeps a serial with a leading zero as announced, and finds it by that serial', async () => {
    const serial = '0795F09EFDC096DE15EBE81A47057A7232F1B8E1';
    const certificates = readCertificateList({ data: [entry(serial, certificate(serial))] }, APIV3_KEY, new Date(NOW));
    expect(certificates[0].serialNo).toBe(serial);
    const store = new WechatPayKeyStore({ now: () => NOW });
    store.addCertificates(certificates);
    expect(sameKey(await store.resolve(serial), certKeys.publicKey)).toBe(true);
    expect(store.serials()).toEqual([{ serial, source: 'certificate' }]);
  });

  it('refuses a certificate whose serial is not the one announced', () => {
    expect(() => readCertificateList({ data: [entry(SERIAL_B, PEM_A)] }, APIV3_KEY, new Date(NOW))).toThrow(PlatformCertificateError);
  });

  it('refuses a list encrypted with another APIv3 key', () => {
    expect(() => readCertificateList({ data: [entry(SERIAL_A, PEM_A, randomBytes(16).toString('hex'))] }, APIV3_KEY, new Date(NOW))).toThrow(
      WechatPayDecryptError,
    );
  });

  it('refuses content that is not a certificate, and a malformed list', () => {
    expect(() => readCertificateList({ data: [entry(SERIAL_A, 'not a certificate')] }, APIV3_KEY, new Date(NOW))).toThrow(PlatformCertificateError);
    expect(() => readCertificateList({ certificates: [] }, APIV3_KEY, new Date(NOW))).toThrow(PlatformCertificateError);
    expect(() => readCertificateList({ data: [{ serial_no: SERIAL_A }] }, APIV3_KEY, new Date(NOW))).toThrow(PlatformCertificateError);
  });

  it('leaves out expired and not-yet-valid certificates, and refuses a list with none valid', () => {
    const expired = certificate(SERIAL_B, new Date(NOW - 10 * DAY), new Date(NOW - DAY), otherKeys);
    const list = { data: [entry(SERIAL_A, PEM_A), entry(SERIAL_B, expired)] };
    expect(readCertificateList(list, APIV3_KEY, new Date(NOW)).map((c) => c.serialNo)).toEqual([SERIAL_A]);
    const future = certificate(SERIAL_B, new Date(NOW + DAY), new Date(NOW + 10 * DAY), otherKeys);
    expect(() => readCertificateList({ data: [entry(SERIAL_B, future)] }, APIV3_KEY, new Date(NOW))).toThrow(/no currently valid/);
  });
});

describe('WechatPayKeyStore (serial → key)', () => {
  const PUB_KEY_ID = 'PUB_KEY_ID_0112860886012025062700111588000000';
  const publicKeyMode = keyPair();
  const certA: PlatformCertificate = { serialNo: SERIAL_A, publicKey: certKeys.publicKey, notBefore: new Date(NOW - DAY), notAfter: new Date(NOW + DAY) };

  function storeWithLoader(load: () => Promise<PlatformCertificate[]>) {
    let now = NOW;
    const calls = { count: 0 };
    const errors: unknown[] = [];
    const store = new WechatPayKeyStore({
      loadCertificates: async () => {
        calls.count += 1;
        return load();
      },
      now: () => now,
      onRefreshError: (e) => errors.push(e),
    });
    return { store, calls, errors, advance: (ms: number) => (now += ms) };
  }

  it('holds the public key and downloaded certificates side by side (a switch)', async () => {
    const { store, calls } = storeWithLoader(async () => [certA]);
    store.addPublicKey(PUB_KEY_ID, publicKeyMode.publicKey);
    expect(sameKey(await store.resolve(PUB_KEY_ID), publicKeyMode.publicKey)).toBe(true);
    expect(calls.count).toBe(0);
    expect(sameKey(await store.resolve(SERIAL_A), certKeys.publicKey)).toBe(true);
    expect(sameKey(await store.resolve(SERIAL_A.toLowerCase()), certKeys.publicKey)).toBe(true);
    expect(calls.count).toBe(1);
    expect(store.serials()).toEqual(
      expect.arrayContaining([
        { serial: PUB_KEY_ID, source: 'public-key' },
        { serial: SERIAL_A, source: 'certificate' },
      ]),
    );
  });

  it('downloads again for an unknown certificate serial at most once a minute', async () => {
    const { store, calls, advance } = storeWithLoader(async () => [certA]);
    expect(await store.resolve(SERIAL_B)).toBeUndefined();
    expect(await store.resolve(SERIAL_B)).toBeUndefined();
    advance(59_000);
    expect(await store.resolve(SERIAL_B)).toBeUndefined();
    expect(calls.count).toBe(1);
    advance(1_000);
    expect(await store.resolve(SERIAL_B)).toBeUndefined();
    expect(calls.count).toBe(2);
  });

  it('shares one download between concurrent lookups', async () => {
    const { store, calls } = storeWithLoader(() => new Promise((resolve) => setTimeout(() => resolve([certA]), 20)));
    const keys = await Promise.all([store.resolve(SERIAL_A), store.resolve(SERIAL_A), store.resolve(SERIAL_A)]);
    expect(keys.every((k) => sameKey(k, certKeys.publicKey))).toBe(true);
    expect(calls.count).toBe(1);
  });

  it('never downloads for an unknown public-key id', async () => {
    const { store, calls } = storeWithLoader(async () => [certA]);
    expect(await store.resolve('PUB_KEY_ID_0000000000000000000000000000000001')).toBeUndefined();
    expect(calls.count).toBe(0);
  });

  it('stops using a certificate once it has expired', async () => {
    const { store, advance } = storeWithLoader(async () => [certA]);
    store.addCertificates([certA]);
    expect(store.get(SERIAL_A)).toBeDefined();
    advance(2 * DAY);
    expect(store.get(SERIAL_A)).toBeUndefined();
  });

  it('reports a failed download and finds no key', async () => {
    const { store, errors } = storeWithLoader(async () => {
      throw new Error('403 NOT_ENOUGH');
    });
    expect(await store.resolve(SERIAL_A)).toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});

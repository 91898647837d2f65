import { createPublicKey, generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { headerValue, WechatPaySignatureError, WechatPaySignatureVerifier } from './wechatpay-verifier';

const platform = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const intruder = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const SERIAL = 'PUB_KEY_ID_0000000000000024101100397200000006';
const NOW_MS = 1_722_850_421_000;
const NOW = String(NOW_MS / 1000);

function signed(body: string, options: { key?: KeyObject; timestamp?: string; serial?: string } = {}) {
  const timestamp = options.timestamp ?? NOW;
  const nonce = 'd824f2e086d3c1df967785d13fcd22ef';
  const signature = sign('sha256', Buffer.from(`${timestamp}\n${nonce}\n${body}\n`), options.key ?? platform).toString('base64');
  return {
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonce,
    'wechatpay-signature': signature,
    'wechatpay-serial': options.serial ?? SERIAL,
  } as Record<string, string>;
}

const verifier = new WechatPaySignatureVerifier(
  { resolve: async (serial) => (serial === SERIAL ? createPublicKey(platform) : undefined) },
  () => NOW_MS,
);

async function reason(headers: Record<string, string>, body: string): Promise<string> {
  try {
    await verifier.verify(headers, body);
    return 'verified';
  } catch (error) {
    if (error instanceof WechatPaySignatureError) return error.reason;
    throw error;
  }
}

describe('WeChat Pay response and callback verification', () => {
  const body = '{"prepay_id":"wx201410272009395522657a690389285100"}';

  it('accepts a body signed by the platform key named by its serial', async () => {
    await expect(verifier.verify(signed(body), body)).resolves.toMatchObject({ serial: SERIAL });
  });

  it('verifies an empty 204 body as timestamp, nonce and an empty line', async () => {
    await expect(reason(signed(''), '')).resolves.toBe('verified');
  });

  it('refuses a signature made with another key', async () => {
    await expect(reason(signed(body, { key: intruder }), body)).resolves.toBe('BAD_SIGNATURE');
  });

  it('refuses a body changed after signing, even by one character or re-serialised', async () => {
    await expect(reason(signed(body), body.replace('wx2014', 'wx2015'))).resolves.toBe('BAD_SIGNATURE');
    await expect(reason(signed(body), JSON.stringify(JSON.parse(body), null, 1))).resolves.toBe('BAD_SIGNATURE');
  });

  it('refuses timestamps five minutes or more away, and accepts one second less', async () => {
    await expect(reason(signed(body, { timestamp: String(Number(NOW) - 300) }), body)).resolves.toBe('STALE_TIMESTAMP');
    await expect(reason(signed(body, { timestamp: String(Number(NOW) + 300) }), body)).resolves.toBe('STALE_TIMESTAMP');
    await expect(reason(signed(body, { timestamp: String(Number(NOW) - 299) }), body)).resolves.toBe('verified');
    await expect(reason(signed(body, { timestamp: `${NOW}000` }), body)).resolves.toBe('STALE_TIMESTAMP');
  });

  it('refuses WeChat Pay probe signatures (WECHATPAY/SIGNTEST/)', async () => {
    const headers = { ...signed(body), 'wechatpay-signature': 'WECHATPAY/SIGNTEST/nTCmVe7L0ymPzhJDHmFCJUwpg==' };
    await expect(reason(headers, body)).resolves.toBe('PROBE');
  });

  it('refuses an unknown serial and missing headers', async () => {
    await expect(reason(signed(body, { serial: 'PUB_KEY_ID_999' }), body)).resolves.toBe('UNKNOWN_SERIAL');
    const { 'wechatpay-nonce': _nonce, ...withoutNonce } = signed(body);
    await expect(reason(withoutNonce, body)).resolves.toBe('MISSING_HEADERS');
    await expect(reason({}, body)).resolves.toBe('MISSING_HEADERS');
  });

  it('reads headers case-insensitively from plain records and from fetch Headers', async () => {
    expect(headerValue({ 'Wechatpay-Serial': 'A' }, 'wechatpay-serial')).toBe('A');
    expect(headerValue({ 'wechatpay-serial': ['B', 'C'] }, 'Wechatpay-Serial')).toBe('B');
    expect(headerValue(new Headers({ 'Wechatpay-Serial': 'D' }), 'wechatpay-serial')).toBe('D');
    await expect(verifier.verify(new Headers(signed(body)), body)).resolves.toMatchObject({ serial: SERIAL });
  });
});

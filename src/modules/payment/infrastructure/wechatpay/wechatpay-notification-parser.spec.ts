import { createCipheriv, createPublicKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { WechatPayNotificationError } from './wechatpay.errors';
import { WechatPayNotificationParser } from './wechatpay-notification-parser';
import { WechatPaySignatureVerifier } from './wechatpay-verifier';

const APIV3_KEY = randomBytes(16).toString('hex');
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const SERIAL = 'PUB_KEY_ID_0000000000000024101100397200000006';

const parser = new WechatPayNotificationParser(
  new WechatPaySignatureVerifier({ resolve: async (s) => (s === SERIAL ? createPublicKey(platform) : undefined) }),
  APIV3_KEY,
);

const transaction = {
  appid: 'wxd678efh567hg6787',
  mchid: '1230000109',
  out_trade_no: 'ORDER20240805001',
  transaction_id: '4200001863202305068344507881',
  trade_type: 'JSAPI',
  trade_state: 'SUCCESS',
  trade_state_desc: '支付成功',
  bank_type: 'OTHERS',
  success_time: '2024-08-05T17:33:41+08:00',
  payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
  amount: { total: 100, payer_total: 100, currency: 'CNY', payer_currency: 'CNY' },
};

function encrypted(plaintext: string, aad: string, key = APIV3_KEY) {
  const nonce = 'fdasflkja484';
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]).toString('base64');
  return { original_type: aad, algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: aad, nonce };
}

function callback(eventType: string, resource: unknown, envelope: Record<string, unknown> = {}) {
  const body = JSON.stringify({
    id: 'c5e1963a-bd4d-5dd2-bbaf-8f7236a2b20a',
    create_time: '2024-08-05T17:33:42+08:00',
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary: '支付成功',
    resource,
    ...envelope,
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const headers = {
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonce,
    'wechatpay-signature': sign('sha256', Buffer.from(`${timestamp}\n${nonce}\n${body}\n`), platform).toString('base64'),
    'wechatpay-serial': SERIAL,
    'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
  };
  return { headers, body };
}

async function failure(headers: Record<string, string>, body: string | Buffer): Promise<string> {
  try {
    await parser.parse(headers, body);
    return 'accepted';
  } catch (error) {
    if (error instanceof WechatPayNotificationError) {
      expect(error.status).toBe(401);
      expect(error.code).toBe('FAIL');
      return error.reason;
    }
    throw error;
  }
}

describe('WeChat Pay callback parsing', () => {
  it('verifies, decrypts and types a TRANSACTION.SUCCESS callback', async () => {
    const { headers, body } = callback('TRANSACTION.SUCCESS', encrypted(JSON.stringify(transaction), 'transaction'));
    const notification = await parser.parse(headers, Buffer.from(body));
    expect(notification).toMatchObject({
      id: 'c5e1963a-bd4d-5dd2-bbaf-8f7236a2b20a',
      eventType: 'TRANSACTION.SUCCESS',
      resourceType: 'encrypt-resource',
      originalType: 'transaction',
      kind: 'transaction',
      serial: SERIAL,
      resource: transaction,
    });
  });

  it('types REFUND.* callbacks as refund notices', async () => {
    const refund = {
      mchid: '1230000109',
      transaction_id: '4200001863202305068344507881',
      out_trade_no: 'ORDER20240805001',
      refund_id: '50200207182018070300011301001',
      out_refund_no: 'AS1',
      refund_status: 'ABNORMAL',
      user_received_account: '支付用户零钱',
      amount: { total: 100, refund: 40, payer_total: 100, payer_refund: 40 },
    };
    const { headers, body } = callback('REFUND.ABNORMAL', encrypted(JSON.stringify(refund), 'refund'));
    await expect(parser.parse(headers, body)).resolves.toMatchObject({ kind: 'refund', eventType: 'REFUND.ABNORMAL', resource: refund });
  });

  it('checks the signature before anything else', async () => {
    const { headers, body } = callback('TRANSACTION.SUCCESS', encrypted(JSON.stringify(transaction), 'transaction'));
    await expect(failure({ ...headers, 'wechatpay-signature': 'WECHATPAY/SIGNTEST/abc' }, body)).resolves.toBe('PROBE');
    await expect(failure(headers, body.replace('"summary":"支付成功"', '"summary":"x"'))).resolves.toBe('BAD_SIGNATURE');
  });

  it('refuses a resource it cannot decrypt', async () => {
    const { headers, body } = callback('TRANSACTION.SUCCESS', encrypted(JSON.stringify(transaction), 'transaction', randomBytes(16).toString('hex')));
    await expect(failure(headers, body)).resolves.toBe('DECRYPT_FAILED');
  });

  it.each([
    ['a body that is not JSON', () => callback('TRANSACTION.SUCCESS', {}).body.slice(1)],
    ['a resource that is not encrypted', () => callback('TRANSACTION.SUCCESS', transaction).body],
    ['another resource_type', () => callback('TRANSACTION.SUCCESS', encrypted('{}', 'transaction'), { resource_type: 'plain' }).body],
    ['a plaintext that is not JSON', () => callback('TRANSACTION.SUCCESS', encrypted('not json', 'transaction')).body],
    [
      'a transaction without an amount',
      () => callback('TRANSACTION.SUCCESS', encrypted(JSON.stringify({ ...transaction, amount: undefined }), 'transaction')).body,
    ],
  ])('refuses %s as malformed', async (_name, makeBody) => {
    const body = makeBody();
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers = {
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': 'n',
      'wechatpay-signature': sign('sha256', Buffer.from(`${timestamp}\nn\n${body}\n`), platform).toString('base64'),
      'wechatpay-serial': SERIAL,
    };
    await expect(failure(headers, body)).resolves.toBe('MALFORMED');
  });
});

import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { createNonce, paySignMessage, requestSignatureMessage, signRequest, signSha256WithRsa, unixSeconds } from './wechatpay-signer';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKey = createPublicKey(privateKey);

function verifies(message: string, signature: string): boolean {
  return verify('sha256', Buffer.from(message), publicKey, Buffer.from(signature, 'base64'));
}

describe('WeChat Pay request signing', () => {
  it('builds the documented five-line message for a GET, ending in an empty body line', () => {
    expect(requestSignatureMessage('GET', '/v3/certificates', 1554208460, '593BEC0C930BF1AFEB40B4A08C8FB242', '')).toBe(
      'GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n',
    );
  });

  it('keeps the query string and the exact body bytes in the message', () => {
    const body = '{"mchid":"1230000109","description":"描述"}';
    expect(requestSignatureMessage('post', '/v3/pay/transactions/out-trade-no/A1?mchid=1230000109', 1, 'n', body)).toBe(
      `POST\n/v3/pay/transactions/out-trade-no/A1?mchid=1230000109\n1\nn\n${body}\n`,
    );
  });

  it('produces an Authorization header whose signature verifies over that message with the merchant public key', () => {
    const signed = signRequest(
      { mchId: '1900009191', serialNo: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C', privateKey },
      { method: 'POST', url: '/v3/pay/transactions/jsapi', body: '{"a":1}' },
      { timestamp: 1554208460, nonce: 'NONCE' },
    );
    expect(signed.authorization).toMatch(/^WECHATPAY2-SHA256-RSA2048 [a-z_]+="[^"]*"(,[a-z_]+="[^"]*"){4}$/);
    const fields = Object.fromEntries([...signed.authorization.matchAll(/([a-z_]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    expect(fields).toEqual({
      mchid: '1900009191',
      nonce_str: 'NONCE',
      timestamp: '1554208460',
      serial_no: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C',
      signature: signed.signature,
    });
    expect(verifies('POST\n/v3/pay/transactions/jsapi\n1554208460\nNONCE\n{"a":1}\n', fields.signature)).toBe(true);
    expect(verifies('POST\n/v3/pay/transactions/jsapi\n1554208460\nNONCE\n{"a":2}\n', fields.signature)).toBe(false);
  });

  it('uses unix seconds and fresh 32-character alphanumeric nonces', () => {
    expect(unixSeconds(1554208460999)).toBe(1554208460);
    const signed = signRequest({ mchId: '1', serialNo: 'S', privateKey }, { method: 'GET', url: '/v3/x', body: '' });
    expect(String(signed.timestamp)).toMatch(/^\d{10}$/);
    expect(createNonce()).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(createNonce()).not.toBe(createNonce());
  });

  it('signs wx.requestPayment over appId, timeStamp, nonceStr and the whole package, four lines', () => {
    const message = paySignMessage('wx2421b1c4370ec43b', '1554208460', '593BEC0C930BF1AFEB40B4A08C8FB242', 'prepay_id=wx201410272009395522657a690389285100');
    expect(message).toBe(
      'wx2421b1c4370ec43b\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\nprepay_id=wx201410272009395522657a690389285100\n',
    );
    expect(verifies(message, signSha256WithRsa(message, privateKey))).toBe(true);
  });
});

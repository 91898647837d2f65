import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig } from '../../../../config/app-config';
import { wechatPaySettingsFrom } from './wechatpay.settings';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();

const complete = {
  WECHAT_APPID: 'wxd678efh567hg6787',
  WECHATPAY_MCHID: '1230000109',
  WECHATPAY_SERIAL_NO: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C',
  WECHATPAY_PRIVATE_KEY: PRIVATE_PEM.replace(/\n/g, '\\n'),
  WECHATPAY_APIV3_KEY: '0123456789abcdefghijklmnopqrstuv',
};

function variableOf(attempt: () => unknown): string | null {
  try {
    attempt();
    return null;
  } catch (error) {
    if (error instanceof ConfigError) return error.variable;
    throw error;
  }
}

describe('WeChat Pay settings from the configuration', () => {
  it('switches WeChat Pay off when WECHATPAY_MCHID is empty', () => {
    expect(wechatPaySettingsFrom(loadConfig({}))).toBeNull();
  });

  it('reads certificate mode (no public key) and public-key mode', () => {
    const certificateMode = wechatPaySettingsFrom(loadConfig(complete));
    expect(certificateMode).toMatchObject({ appId: 'wxd678efh567hg6787', mchId: '1230000109', publicKey: null });
    const publicKeyMode = wechatPaySettingsFrom(
      loadConfig({ ...complete, WECHATPAY_PUBLIC_KEY: PUBLIC_PEM, WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0112860886012025062700111588000000' }),
    );
    expect(publicKeyMode?.publicKey?.id).toBe('PUB_KEY_ID_0112860886012025062700111588000000');
  });

  it.each([
    ['WECHAT_APPID', { WECHAT_APPID: '' }],
    ['WECHATPAY_SERIAL_NO', { WECHATPAY_SERIAL_NO: '' }],
    ['WECHATPAY_PRIVATE_KEY', { WECHATPAY_PRIVATE_KEY: '' }],
    ['WECHATPAY_PRIVATE_KEY', { WECHATPAY_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nnot a key\\n-----END PRIVATE KEY-----' }],
    ['WECHATPAY_APIV3_KEY', { WECHATPAY_APIV3_KEY: '' }],
    ['WECHATPAY_PUBLIC_KEY_ID', { WECHATPAY_PUBLIC_KEY: PUBLIC_PEM }],
    ['WECHATPAY_PUBLIC_KEY', { WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_1' }],
    ['WECHATPAY_PUBLIC_KEY', { WECHATPAY_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nxx\\n-----END PUBLIC KEY-----', WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_1' }],
  ])('stops the start naming %s when it is missing or unreadable', (variable, patch) => {
    expect(variableOf(() => wechatPaySettingsFrom(loadConfig({ ...complete, ...patch })))).toBe(variable);
  });
});

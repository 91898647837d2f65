import { Injectable, Logger } from '@nestjs/common';
import { BadRequestError, RateLimitedError, UpstreamError } from '../../../shared/domain/domain-error';
import { WechatLoginRejectedError } from '../domain/identity.errors';
import { WechatAccessTokenProvider } from './wechat-access-token.provider';
import { WechatApiHttp, WechatEnvelope } from './wechat-api.http';

export interface WechatSession {
  openid: string;
  unionid: string | null;
  sessionKey: string;
}

export interface WechatPhone {
  /** With the country code for numbers outside mainland China. */
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

const ACCESS_TOKEN_REJECTED = new Set([40001, 42001]);

/**
 * The mini-program server API (api.weixin.qq.com, or WECHAT_API_BASE): code2Session, the
 * stable access token, getuserphonenumber, and any other access-token call (postWithAccessToken).
 */
@Injectable()
export class WechatMiniProgramClient {
  private readonly logger = new Logger('WechatMiniProgramClient');

  constructor(
    private readonly http: WechatApiHttp,
    private readonly tokens: WechatAccessTokenProvider,
  ) {}

  /** Exchanges a wx.login() code for the openid (and unionid, session key). */
  async code2Session(code: string): Promise<WechatSession> {
    const { appId, secret } = this.http.credentials();
    const query = new URLSearchParams({ appid: appId, secret, js_code: code, grant_type: 'authorization_code' });
    const body = await this.http.request('GET', `/sns/jscode2session?${query}`, undefined, 'login');
    const errcode = body.errcode ?? 0;
    if (errcode === 0 && typeof body.openid === 'string' && body.openid !== '' && typeof body.session_key === 'string') {
      return { openid: body.openid, unionid: typeof body.unionid === 'string' && body.unionid ? body.unionid : null, sessionKey: body.session_key };
    }
    switch (errcode) {
      case 40029:
        throw new WechatLoginRejectedError('WeChat refused the login code as invalid or expired; call wx.login() again', errcode);
      case 40163:
        throw new WechatLoginRejectedError('This login code was already used; call wx.login() again', errcode);
      case 40226:
        throw new WechatLoginRejectedError('WeChat blocked this login as high-risk', errcode);
      case 45011:
        throw new RateLimitedError('WeChat login quota reached; retry in a minute', { wechatErrcode: errcode });
      default:
        this.logger.warn(`jscode2session failed: errcode ${errcode} ${String(body.errmsg ?? '')}`);
        throw new UpstreamError('WeChat login is unavailable right now; try again', { wechatErrcode: errcode });
    }
  }

  /** The phone number behind a getPhoneNumber button code (single use, 5 minutes). */
  async getPhoneNumber(code: string, openid?: string): Promise<WechatPhone> {
    const body = await this.postWithAccessToken('/wxa/business/getuserphonenumber', openid ? { code, openid } : { code });
    const errcode = body.errcode ?? 0;
    const info = body.phone_info as Record<string, unknown> | undefined;
    if (errcode === 0 && info && typeof info.purePhoneNumber === 'string') {
      return {
        phoneNumber: String(info.phoneNumber ?? info.purePhoneNumber),
        purePhoneNumber: info.purePhoneNumber,
        // Documented as a string, printed as a number in the example: accept both.
        countryCode: String(info.countryCode ?? '86'),
      };
    }
    if (errcode === 40029) throw new BadRequestError('PHONE_CODE_INVALID', 'WeChat refused the phone number code as invalid, used or expired');
    if (errcode === 45011) throw new RateLimitedError('WeChat phone number quota reached; retry in a minute', { wechatErrcode: errcode });
    this.logger.warn(`getuserphonenumber failed: errcode ${errcode} ${String(body.errmsg ?? '')}`);
    throw new UpstreamError('WeChat could not give the phone number right now; try again', { wechatErrcode: errcode });
  }

  /**
   * POSTs JSON to an access-token API (`?access_token=`). When WeChat says the token is invalid
   * or expired, the cached token is dropped and the call is tried once more with a new one.
   * Resolves the parsed envelope; the caller reads errcode.
   */
  async postWithAccessToken(path: string, payload: unknown): Promise<WechatEnvelope> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.accessToken();
      const separator = path.includes('?') ? '&' : '?';
      const body = await this.http.request('POST', `${path}${separator}access_token=${encodeURIComponent(token)}`, payload);
      if (attempt === 1 && ACCESS_TOKEN_REJECTED.has(body.errcode ?? 0)) {
        await this.tokens.invalidate(token);
        continue;
      }
      return body;
    }
  }

  /** The current stable access token (cached, see WechatAccessTokenProvider). */
  async accessToken(): Promise<string> {
    return this.tokens.getToken();
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { ServiceUnavailableError, UpstreamError } from '../../../shared/domain/domain-error';

const TIMEOUT_MS = 5000;

/** WeChat's common envelope: errors are HTTP 200 with errcode/errmsg; success omits errcode or says 0. */
export interface WechatEnvelope {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

/**
 * HTTP to the WeChat server API (WECHAT_API_BASE): JSON in and out, a 5-second timeout, and any
 * network failure, HTTP error or unreadable answer turned into 502 UPSTREAM_ERROR.
 */
@Injectable()
export class WechatApiHttp {
  private readonly logger = new Logger('WechatApi');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** POST /cgi-bin/stable_token; the provider calls this when its cache needs a token. */
  async fetchStableToken(): Promise<{ accessToken: string; expiresInSeconds: number }> {
    const { appId, secret } = this.credentials();
    const body = await this.request('POST', '/cgi-bin/stable_token', { grant_type: 'client_credential', appid: appId, secret, force_refresh: false });
    if ((body.errcode ?? 0) === 0 && typeof body.access_token === 'string' && typeof body.expires_in === 'number') {
      return { accessToken: body.access_token, expiresInSeconds: body.expires_in };
    }
    this.logger.warn(`stable_token failed: errcode ${String(body.errcode)} ${String(body.errmsg ?? '')}`);
    throw new UpstreamError('WeChat refused to issue an access token', { wechatErrcode: body.errcode });
  }

  credentials(): { appId: string; secret: string } {
    const { appId, secret } = this.config.wechat;
    if (!appId || !secret) throw new ServiceUnavailableError('WeChat is not configured on this server (WECHAT_APPID, WECHAT_SECRET)');
    return { appId, secret };
  }

  async request(method: 'GET' | 'POST', pathAndQuery: string, payload?: unknown, what = 'API'): Promise<WechatEnvelope> {
    let response: Response;
    try {
      response = await fetch(`${this.config.wechat.apiBase}${pathAndQuery}`, {
        method,
        headers: payload === undefined ? undefined : { 'Content-Type': 'application/json' },
        body: payload === undefined ? undefined : JSON.stringify(payload),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      this.logger.warn(`WeChat ${what} request failed: ${(error as Error).message}`);
      throw new UpstreamError(`WeChat ${what === 'login' ? 'login' : 'API'} could not be reached; try again`);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      this.logger.warn(`WeChat ${what} answered HTTP ${response.status}`);
      throw new UpstreamError(`WeChat ${what === 'login' ? 'login' : 'API'} failed; try again`);
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      return parsed as WechatEnvelope;
    } catch {
      this.logger.warn(`WeChat ${what} answered something that is not a JSON object`);
      throw new UpstreamError(`WeChat ${what === 'login' ? 'login' : 'API'} gave an unreadable answer; try again`);
    }
  }
}

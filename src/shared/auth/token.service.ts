import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { UnauthorizedError } from '../domain/domain-error';

export type Audience = 'shopper' | 'staff';

export interface AccessClaims {
  sub: number;
  aud: Audience;
  /** Staff: the account's token version; bumping it (password change, disable) kills old tokens. */
  ver?: number;
}

const ISSUER = 'wxshop';

/** Signs and verifies short-lived access tokens; the audience separates shoppers from staff. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get accessTtlSeconds(): number {
    return this.config.jwt.accessTtlSeconds;
  }

  signAccess(audience: Audience, subject: number, extra: { ver?: number } = {}): string {
    return this.jwt.sign(
      { typ: 'access', ...extra },
      { subject: String(subject), audience, issuer: ISSUER, expiresIn: this.config.jwt.accessTtlSeconds },
    );
  }

  verifyAccess(token: string, audience: Audience): AccessClaims {
    let payload: { sub?: string; aud?: string; typ?: string; ver?: number };
    try {
      payload = this.jwt.verify(token, { audience, issuer: ISSUER, algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedError({ zh: '访问令牌缺失、无效、已过期或不适用于此端', en: 'The access token is missing, invalid, expired or for another audience' });
    }
    const sub = Number(payload.sub);
    if (payload.typ !== 'access' || !Number.isSafeInteger(sub) || sub <= 0) {
      throw new UnauthorizedError({ zh: '访问令牌无效', en: 'The access token is invalid' });
    }
    return { sub, aud: audience, ver: payload.ver };
  }
}

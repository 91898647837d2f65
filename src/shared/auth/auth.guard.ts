import { CanActivate, ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthorizedError } from '../domain/domain-error';
import type { RequestWithContext } from '../http/request-context';
import { AUTH_POLICY, AuthPolicy } from './auth.decorators';
import { ShopperPrincipalLoader, StaffPrincipalLoader } from './principal-loaders';
import { TokenService } from './token.service';

function bearer(req: RequestWithContext): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]{10,4096})$/.exec(header.trim());
  return match ? match[1] : null;
}

/**
 * The global guard. Deny by default: a route must be @Public(), @ShopperRoute(), @StaffRoute() or
 * @RequirePermissions(...). Shopper tokens are refused on staff routes and the other way round.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    @Optional() private readonly staffLoader?: StaffPrincipalLoader,
    @Optional() private readonly shopperLoader?: ShopperPrincipalLoader,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const policy = this.reflector.getAllAndOverride<AuthPolicy | undefined>(AUTH_POLICY, [context.getHandler(), context.getClass()]);
    if (!policy) throw new ForbiddenError({ zh: '此接口未声明访问策略，已关闭', en: 'This route declares no access policy and is closed' });
    if (policy.kind === 'public') return true;

    const req = context.switchToHttp().getRequest<RequestWithContext>();
    const token = bearer(req);
    if (!token) throw new UnauthorizedError({ zh: '需要携带 Bearer 访问令牌', en: 'A bearer access token is required' });

    if (policy.kind === 'shopper') {
      const claims = this.tokens.verifyAccess(token, 'shopper');
      const principal = this.shopperLoader ? await this.shopperLoader.load(claims) : { kind: 'shopper' as const, shopperId: claims.sub };
      if (!principal) throw new UnauthorizedError({ zh: '此用户账号无法登录', en: 'This shopper account cannot sign in' });
      req.principal = principal;
      return true;
    }

    const claims = this.tokens.verifyAccess(token, 'staff');
    const principal = this.staffLoader ? await this.staffLoader.load(claims) : null;
    if (!principal) throw new UnauthorizedError({ zh: '此员工账号无法登录', en: 'This staff account cannot sign in' });
    req.principal = principal;
    const missing = principal.isSuperAdmin ? [] : policy.permissions.filter((p) => !principal.permissions.has(p));
    if (missing.length > 0) throw new ForbiddenError({ zh: `需要权限 ${missing.join(', ')}`, en: `Requires the permission ${missing.join(', ')}` });
    return true;
  }
}

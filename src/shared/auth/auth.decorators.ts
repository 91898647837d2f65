import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiErrorDto } from '../http/api-error';
import type { RequestWithContext, ShopperPrincipal, StaffPrincipal } from '../http/request-context';
import { markRequired } from './permissions';

export const AUTH_POLICY = 'auth:policy';

/** How a route is reached. A route without a policy is refused to everyone (deny by default). */
export type AuthPolicy = { kind: 'public' } | { kind: 'shopper' } | { kind: 'staff'; permissions: readonly string[] };

/** Anyone may call this route (login, health, callbacks verified by signature). */
export const Public = () => SetMetadata(AUTH_POLICY, { kind: 'public' } satisfies AuthPolicy);

/** A logged-in shopper (mini-program token). */
export const ShopperRoute = () =>
  applyDecorators(
    SetMetadata(AUTH_POLICY, { kind: 'shopper' } satisfies AuthPolicy),
    ApiBearerAuth('shopper'),
    ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'No, bad or expired shopper token' }),
  );

/** Any logged-in staff account, whatever its permissions (own profile, own menus, logout). */
export const StaffRoute = () =>
  applyDecorators(
    SetMetadata(AUTH_POLICY, { kind: 'staff', permissions: [] } satisfies AuthPolicy),
    ApiBearerAuth('staff'),
    ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'No, bad or expired staff token' }),
  );

/** A staff account holding every listed permission. */
export const RequirePermissions = (...permissions: [string, ...string[]]) => {
  permissions.forEach(markRequired);
  return applyDecorators(
    SetMetadata(AUTH_POLICY, { kind: 'staff', permissions } satisfies AuthPolicy),
    ApiBearerAuth('staff'),
    ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'No, bad or expired staff token' }),
    ApiForbiddenResponse({ type: ApiErrorDto, description: `Requires ${permissions.join(', ')}` }),
  );
};

/** The id of the calling shopper (routes marked @ShopperRoute). */
export const CurrentShopper = createParamDecorator((_: unknown, ctx: ExecutionContext): number => {
  const principal = ctx.switchToHttp().getRequest<RequestWithContext>().principal as ShopperPrincipal | undefined;
  if (principal?.kind !== 'shopper') throw new Error('CurrentShopper used on a route that is not a shopper route');
  return principal.shopperId;
});

/** The calling staff account with its permissions and store scope. */
export const CurrentStaff = createParamDecorator((_: unknown, ctx: ExecutionContext): StaffPrincipal => {
  const principal = ctx.switchToHttp().getRequest<RequestWithContext>().principal as StaffPrincipal | undefined;
  if (principal?.kind !== 'staff') throw new Error('CurrentStaff used on a route that is not a staff route');
  return principal;
});

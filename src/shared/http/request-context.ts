import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const VALID_INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Takes a well-formed incoming X-Request-Id (from a load balancer) or makes a new one. */
export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && VALID_INCOMING_ID.test(incoming) ? incoming : randomUUID();
}

/** What the auth guard learned about the caller; set on the request for the rest of its life. */
export type Principal =
  | { kind: 'shopper'; shopperId: number }
  | {
      kind: 'staff';
      staffId: number;
      username: string;
      permissions: ReadonlySet<string>;
      /** null: every store; otherwise the only stores this account may see and change. */
      storeIds: readonly number[] | null;
      isSuperAdmin: boolean;
    };

export type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;
export type ShopperPrincipal = Extract<Principal, { kind: 'shopper' }>;

export interface RequestWithContext {
  id?: string | number;
  principal?: Principal;
  ip?: string;
  method: string;
  originalUrl?: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  route?: { path?: string };
}

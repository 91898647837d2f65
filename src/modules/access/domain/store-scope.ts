import { FindOperator, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { NotFoundError } from '../../../shared/domain/domain-error';
import type { StaffPrincipal } from '../../../shared/http/request-context';

/*
 * Store scope: a staff account may be limited to some stores (principal.storeIds; null = every
 * store). Every store-owned resource is filtered by it, and anything outside the scope is "not
 * found" (404), never "forbidden", so its existence does not leak.
 */

type Scoped = Pick<StaffPrincipal, 'storeIds'>;

/** Whether the account may see a resource of this store. A resource of no store (null) is visible only to all-store accounts. */
export function canAccessStore(principal: Scoped, storeId: number | null | undefined): boolean {
  if (principal.storeIds === null) return true;
  return storeId !== null && storeId !== undefined && principal.storeIds.includes(storeId);
}

/** Throws 404 NOT_FOUND (naming `what`) when the store is outside the account's scope. */
export function assertStoreInScope(principal: Scoped, storeId: number | null | undefined, what = 'Resource'): void {
  if (!canAccessStore(principal, storeId)) throw new NotFoundError(what);
}

/**
 * A TypeORM find `where` fragment to spread into a query: `{ ...storeScopeWhere(p), status }`.
 * Empty for all-store accounts; `{ [column]: In(storeIds) }` otherwise.
 */
export function storeScopeWhere<K extends string = 'storeId'>(principal: Scoped, column?: K): Partial<Record<K, FindOperator<number>>> {
  if (principal.storeIds === null) return {};
  const ids = principal.storeIds.length > 0 ? [...principal.storeIds] : [-1]; // ids start at 1: an empty scope matches nothing
  return { [column ?? 'storeId']: In(ids) } as Partial<Record<K, FindOperator<number>>>;
}

/** Adds the scope to a query builder: `applyStoreScope(qb, 'o.storeId', principal)`. */
export function applyStoreScope<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, column: string, principal: Scoped): SelectQueryBuilder<T> {
  if (principal.storeIds === null) return qb;
  const ids = principal.storeIds.length > 0 ? [...principal.storeIds] : [-1];
  const param = `storeScope_${column.replace(/[^A-Za-z0-9]/g, '_')}`;
  return qb.andWhere(`${column} IN (:...${param})`, { [param]: ids });
}

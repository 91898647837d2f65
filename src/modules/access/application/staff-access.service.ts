import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { StaffPrincipalLoader } from '../../../shared/auth/principal-loaders';
import { permissionRegistry } from '../../../shared/auth/permissions';
import type { AccessClaims } from '../../../shared/auth/token.service';
import type { StaffPrincipal } from '../../../shared/http/request-context';
import { StaffAccountService } from '../../identity';
import { RoleEntity } from '../domain/role.entity';
import { StaffRoleEntity } from '../domain/staff-role.entity';
import { StaffStoreScopeEntity } from '../domain/staff-store-scope.entity';

/** What a staff account may do: its roles, permissions and store scope. */
export interface StaffGrants {
  roles: Array<{ id: number; name: string; isSuperAdmin: boolean }>;
  /** For a super admin: every declared permission. */
  permissions: string[];
  isSuperAdmin: boolean;
  /** null: every store. */
  storeIds: number[] | null;
}

const TTL_MS = 3000;

/**
 * Roles and store scopes of staff accounts, and the staff principal loader the auth guard calls
 * on every staff request. Principals are cached for TTL_MS: a change made in this process clears
 * the cache at once; other API processes see it within TTL_MS. Disabling an account or changing
 * its password also bumps its token version, which the loader checks on every cache fill.
 */
@Injectable()
export class StaffAccessService extends StaffPrincipalLoader {
  private readonly cache = new Map<number, { principal: StaffPrincipal | null; tokenVersion: number; at: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly staffAccounts: StaffAccountService,
  ) {
    super();
  }

  async load(claims: AccessClaims): Promise<StaffPrincipal | null> {
    const now = Date.now();
    let entry = this.cache.get(claims.sub);
    // A token newer than the cached account (password changed in another process) reloads at once.
    if (!entry || now - entry.at > TTL_MS || (claims.ver ?? 0) > entry.tokenVersion) {
      const account = await this.staffAccounts.findById(claims.sub);
      if (!account || account.status !== 'ACTIVE') {
        entry = { principal: null, tokenVersion: account?.tokenVersion ?? -1, at: now };
      } else {
        const grants = await this.grants(account.id);
        entry = {
          principal: {
            kind: 'staff',
            staffId: account.id,
            username: account.username,
            permissions: new Set(grants.permissions),
            storeIds: grants.storeIds,
            isSuperAdmin: grants.isSuperAdmin,
          },
          tokenVersion: account.tokenVersion,
          at: now,
        };
      }
      if (this.cache.size > 5000) this.cache.clear();
      this.cache.set(claims.sub, entry);
    }
    if (!entry.principal || claims.ver !== entry.tokenVersion) return null;
    return entry.principal;
  }

  /** Forget cached principals (after any change to roles, assignments, scopes or accounts). */
  invalidate(): void {
    this.cache.clear();
  }

  async grants(staffId: number, em: EntityManager = this.dataSource.manager): Promise<StaffGrants> {
    return (await this.grantsOf([staffId], em)).get(staffId)!;
  }

  async grantsOf(staffIds: number[], em: EntityManager = this.dataSource.manager): Promise<Map<number, StaffGrants>> {
    const result = new Map<number, StaffGrants>();
    if (staffIds.length === 0) return result;
    const ids = [...new Set(staffIds)];
    const links = await em.findBy(StaffRoleEntity, { staffId: In(ids) });
    const roles = links.length > 0 ? await em.findBy(RoleEntity, { id: In([...new Set(links.map((l) => l.roleId))]) }) : [];
    const roleById = new Map(roles.map((r) => [r.id, r]));
    const scopes = await em.findBy(StaffStoreScopeEntity, { staffId: In(ids) });
    const scopeById = new Map(scopes.map((s) => [s.staffId, s.storeIds]));
    const everything = permissionRegistry().map((p) => p.code);
    for (const id of ids) {
      const held = links
        .filter((l) => l.staffId === id)
        .map((l) => roleById.get(l.roleId))
        .filter((r): r is RoleEntity => r !== undefined)
        .sort((a, b) => a.id - b.id);
      const isSuperAdmin = held.some((r) => r.isSuperAdmin);
      const permissions = isSuperAdmin ? everything : [...new Set(held.flatMap((r) => r.permissions))].sort();
      result.set(id, {
        roles: held.map((r) => ({ id: r.id, name: r.name, isSuperAdmin: r.isSuperAdmin })),
        permissions,
        isSuperAdmin,
        storeIds: scopeById.get(id) ?? null,
      });
    }
    return result;
  }

  /** Replaces the roles of an account (in the caller's transaction). */
  async setRoles(em: EntityManager, staffId: number, roleIds: number[]): Promise<void> {
    await em.delete(StaffRoleEntity, { staffId });
    const unique = [...new Set(roleIds)];
    if (unique.length > 0) await em.insert(StaffRoleEntity, unique.map((roleId) => ({ staffId, roleId })));
  }

  /** Sets the store scope (null: every store) in the caller's transaction. */
  async setStoreScope(em: EntityManager, staffId: number, storeIds: number[] | null): Promise<void> {
    const value = storeIds === null ? null : [...new Set(storeIds)].sort((a, b) => a - b);
    const existing = await em.findOneBy(StaffStoreScopeEntity, { staffId });
    if (existing) await em.update(StaffStoreScopeEntity, { staffId }, { storeIds: value as never });
    else await em.insert(StaffStoreScopeEntity, { staffId, storeIds: value as never });
  }

  /** Ids of the active accounts holding a super admin role. */
  async activeSuperAdminIds(em: EntityManager): Promise<number[]> {
    const superRoles = await em.findBy(RoleEntity, { isSuperAdmin: true });
    if (superRoles.length === 0) return [];
    const links = await em.findBy(StaffRoleEntity, { roleId: In(superRoles.map((r) => r.id)) });
    const accounts = await this.staffAccounts.findByIds(links.map((l) => l.staffId), em);
    return accounts.filter((a) => a.status === 'ACTIVE').map((a) => a.id);
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction-runner';
import { isKnownPermission, permissionRegistry } from '../../../shared/auth/permissions';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../../shared/domain/domain-error';
import type { StaffPrincipal } from '../../../shared/http/request-context';
import { SuperAdminRoleProtectedError } from '../domain/access.errors';
import { RoleEntity } from '../domain/role.entity';
import { StaffRoleEntity } from '../domain/staff-role.entity';
import { StaffAccessService } from './staff-access.service';

export const SUPER_ADMIN_ROLE_NAME = 'Super admin';

export interface RoleView {
  id: number;
  name: string;
  description: string;
  isSuperAdmin: boolean;
  /** The super admin role lists every declared permission. */
  permissions: string[];
  staffCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface RoleInput {
  name: string;
  description?: string;
  permissions: string[];
}

/** Whether `actor` may hand out every one of `permissions` (no one grants what they do not hold). */
export function mayGrant(actor: StaffPrincipal, permissions: readonly string[]): boolean {
  return actor.isSuperAdmin || permissions.every((p) => actor.permissions.has(p));
}

/**
 * Roles: named permission sets. Unknown permission codes are refused; an account may only create
 * or change roles within the permissions it holds itself. The super admin role cannot be deleted,
 * renamed or given a permission list (409 SUPER_ADMIN_ROLE_PROTECTED).
 */
@Injectable()
export class RoleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: StaffAccessService,
  ) {}

  async page(skip: number, take: number): Promise<{ items: RoleView[]; total: number }> {
    const [rows, total] = await this.dataSource.manager.findAndCount(RoleEntity, { order: { isSuperAdmin: 'DESC', id: 'ASC' }, skip, take });
    return { items: await this.views(this.dataSource.manager, rows), total };
  }

  async get(id: number): Promise<RoleView> {
    const role = await this.dataSource.manager.findOneBy(RoleEntity, { id });
    if (!role) throw new NotFoundError('Role');
    return (await this.views(this.dataSource.manager, [role]))[0];
  }

  async create(actor: StaffPrincipal, input: RoleInput): Promise<RoleView> {
    const permissions = this.checkPermissions(actor, input.permissions);
    const view = await this.tx.run(async (em) => {
      const name = input.name.trim();
      if (await em.existsBy(RoleEntity, { name })) throw new ConflictError('ROLE_NAME_TAKEN', `A role named "${name}" exists`);
      const inserted = await em.insert(RoleEntity, { name, description: input.description ?? '', isSuperAdmin: false, permissions });
      const role = await em.findOneByOrFail(RoleEntity, { id: inserted.identifiers[0].id as number });
      return (await this.views(em, [role]))[0];
    });
    return view;
  }

  async update(actor: StaffPrincipal, id: number, patch: Partial<RoleInput>): Promise<RoleView> {
    const permissions = patch.permissions !== undefined ? this.checkPermissions(actor, patch.permissions) : undefined;
    const view = await this.tx.run(async (em) => {
      const role = await em.findOneBy(RoleEntity, { id });
      if (!role) throw new NotFoundError('Role');
      const name = patch.name?.trim();
      if (role.isSuperAdmin) {
        if (name !== undefined && name !== role.name) throw new SuperAdminRoleProtectedError('renamed');
        if (permissions !== undefined) throw new SuperAdminRoleProtectedError('given a permission list (it holds every permission)');
        if (!actor.isSuperAdmin) throw new ForbiddenError('Only a super admin may change the super admin role');
      } else if (!mayGrant(actor, role.permissions)) {
        throw new ForbiddenError('This role holds permissions you do not hold');
      }
      if (name !== undefined && name !== role.name && (await em.existsBy(RoleEntity, { name }))) {
        throw new ConflictError('ROLE_NAME_TAKEN', `A role named "${name}" exists`);
      }
      const changes: Partial<RoleEntity> = {};
      if (name !== undefined) changes.name = name;
      if (patch.description !== undefined) changes.description = patch.description;
      if (permissions !== undefined) changes.permissions = permissions;
      if (Object.keys(changes).length > 0) await em.update(RoleEntity, { id }, changes as never);
      return (await this.views(em, [await em.findOneByOrFail(RoleEntity, { id })]))[0];
    });
    this.access.invalidate();
    return view;
  }

  async remove(actor: StaffPrincipal, id: number): Promise<void> {
    await this.tx.run(async (em) => {
      const role = await em.findOneBy(RoleEntity, { id });
      if (!role) throw new NotFoundError('Role');
      if (role.isSuperAdmin) throw new SuperAdminRoleProtectedError('deleted');
      if (!mayGrant(actor, role.permissions)) throw new ForbiddenError('This role holds permissions you do not hold');
      const staffCount = await em.countBy(StaffRoleEntity, { roleId: id });
      if (staffCount > 0) throw new ConflictError('ROLE_IN_USE', `${staffCount} staff account(s) hold this role; take it from them first`, { staffCount });
      await em.delete(RoleEntity, { id });
    });
    this.access.invalidate();
  }

  /** Creates the super admin role when it is missing; returns it. */
  async ensureSuperAdminRole(em: EntityManager): Promise<RoleEntity> {
    const existing = await em.findOneBy(RoleEntity, { isSuperAdmin: true });
    if (existing) return existing;
    const inserted = await em.insert(RoleEntity, {
      name: SUPER_ADMIN_ROLE_NAME,
      description: 'Holds every permission; cannot be deleted',
      isSuperAdmin: true,
      permissions: [],
    });
    return em.findOneByOrFail(RoleEntity, { id: inserted.identifiers[0].id as number });
  }

  private checkPermissions(actor: StaffPrincipal, codes: string[]): string[] {
    const unique = [...new Set(codes)].sort();
    const unknown = unique.filter((c) => !isKnownPermission(c));
    if (unknown.length > 0) throw new BadRequestError('UNKNOWN_PERMISSION', `Unknown permission code(s): ${unknown.join(', ')}`, { codes: unknown });
    if (!mayGrant(actor, unique)) {
      const missing = unique.filter((p) => !actor.permissions.has(p));
      throw new ForbiddenError(`You cannot grant permissions you do not hold: ${missing.join(', ')}`);
    }
    return unique;
  }

  private async views(em: EntityManager, roles: RoleEntity[]): Promise<RoleView[]> {
    const everything = permissionRegistry().map((p) => p.code);
    const out: RoleView[] = [];
    for (const role of roles) {
      out.push({
        id: role.id,
        name: role.name,
        description: role.description,
        isSuperAdmin: role.isSuperAdmin,
        permissions: role.isSuperAdmin ? everything : role.permissions,
        staffCount: await em.countBy(StaffRoleEntity, { roleId: role.id }),
        createdAt: role.createdAt,
        updatedAt: role.updatedAt,
      });
    }
    return out;
  }
}

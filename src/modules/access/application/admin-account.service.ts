import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction-runner';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../../shared/domain/domain-error';
import type { StaffPrincipal } from '../../../shared/http/request-context';
import { StaffAccountService, StaffAccountView } from '../../identity';
import { LastSuperAdminError } from '../domain/access.errors';
import { RoleEntity } from '../domain/role.entity';
import { mayGrant } from './role.service';
import { StaffAccessService, StaffGrants } from './staff-access.service';

export interface AdminView {
  id: number;
  username: string;
  status: 'ACTIVE' | 'DISABLED';
  roles: Array<{ id: number; name: string }>;
  isSuperAdmin: boolean;
  /** null: every store. */
  storeIds: number[] | null;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export interface CreateAdminInput {
  username: string;
  password: string;
  roleIds: number[];
  storeIds?: number[] | null;
}

export interface UpdateAdminInput {
  password?: string;
  roleIds?: number[];
  /** null: every store; undefined: unchanged. */
  storeIds?: number[] | null;
  status?: 'ACTIVE' | 'DISABLED';
  /** true: lift a lockout. */
  unlock?: boolean;
}

function toView(account: StaffAccountView, grants: StaffGrants): AdminView {
  return {
    id: account.id,
    username: account.username,
    status: account.status,
    roles: grants.roles.map((r) => ({ id: r.id, name: r.name })),
    isSuperAdmin: grants.isSuperAdmin,
    storeIds: grants.storeIds,
    lockedUntil: account.lockedUntil,
    lastLoginAt: account.lastLoginAt,
    createdAt: account.createdAt,
  };
}

/**
 * Staff account management (GET/POST/PATCH /admin/admins): the account itself lives in identity,
 * roles and store scope here; one transaction covers both. Nobody hands out more than they hold:
 * roles only within the actor's permissions (the super admin role only by a super admin), stores
 * only within the actor's scope, and only a super admin changes a super admin's account. The last
 * active super admin cannot be disabled or lose the role.
 */
@Injectable()
export class AdminAccountService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly accounts: StaffAccountService,
    private readonly access: StaffAccessService,
  ) {}

  async page(skip: number, take: number, filter: { username?: string; status?: 'ACTIVE' | 'DISABLED' }): Promise<{ items: AdminView[]; total: number }> {
    const { items, total } = await this.accounts.page(skip, take, filter);
    const grants = await this.access.grantsOf(items.map((a) => a.id));
    return { items: items.map((a) => toView(a, grants.get(a.id)!)), total };
  }

  async get(id: number): Promise<AdminView> {
    const account = await this.accounts.findById(id);
    if (!account) throw new NotFoundError('Staff account');
    return toView(account, await this.access.grants(id));
  }

  async create(actor: StaffPrincipal, input: CreateAdminInput): Promise<AdminView> {
    const storeIds = this.checkStores(actor, input.storeIds ?? null);
    const hash = await this.accounts.hashPassword(input.password);
    const view = await this.tx.run(async (em) => {
      await this.checkRoles(em, actor, input.roleIds);
      const account = await this.accounts.create(em, input.username, hash);
      await this.access.setRoles(em, account.id, input.roleIds);
      await this.access.setStoreScope(em, account.id, storeIds);
      return toView(account, await this.access.grants(account.id, em));
    });
    this.access.invalidate();
    return view;
  }

  async update(actor: StaffPrincipal, id: number, input: UpdateAdminInput): Promise<AdminView> {
    const storeIds = input.storeIds !== undefined ? this.checkStores(actor, input.storeIds) : undefined;
    const hash = input.password !== undefined ? await this.accounts.hashPassword(input.password) : undefined;
    const view = await this.tx.run(async (em) => {
      await this.lockSuperAdminRole(em);
      const account = await this.accounts.findById(id, em);
      if (!account) throw new NotFoundError('Staff account');
      const before = await this.access.grants(id, em);
      if (before.isSuperAdmin && !actor.isSuperAdmin) throw new ForbiddenError("Only a super admin may change a super admin's account");
      if (!actor.isSuperAdmin && !mayGrant(actor, before.permissions)) {
        throw new ForbiddenError('This account holds permissions you do not hold');
      }
      if (actor.storeIds !== null) {
        const own = actor.storeIds;
        if (before.storeIds === null || before.storeIds.some((s) => !own.includes(s))) {
          throw new ForbiddenError('This account reaches stores outside your own store scope');
        }
      }
      if (input.status === 'DISABLED' && id === actor.staffId) throw new ConflictError('CANNOT_DISABLE_SELF', 'You cannot disable your own account');

      if (input.roleIds !== undefined) {
        const roles = await this.checkRoles(em, actor, input.roleIds);
        if (before.isSuperAdmin && !roles.some((r) => r.isSuperAdmin)) await this.assertAnotherSuperAdmin(em, id);
        await this.access.setRoles(em, id, input.roleIds);
      }
      if (input.status === 'DISABLED' && before.isSuperAdmin && account.status === 'ACTIVE') await this.assertAnotherSuperAdmin(em, id);
      if (input.status !== undefined && input.status !== account.status) await this.accounts.setStatus(em, id, input.status);
      if (hash !== undefined) await this.accounts.setPassword(em, id, hash);
      if (storeIds !== undefined) await this.access.setStoreScope(em, id, storeIds);
      if (input.unlock === true) await this.accounts.unlock(em, id);
      return toView((await this.accounts.findById(id, em))!, await this.access.grants(id, em));
    });
    this.access.invalidate();
    return view;
  }

  /** Every role must exist and be grantable by the actor. */
  private async checkRoles(em: EntityManager, actor: StaffPrincipal, roleIds: number[]): Promise<RoleEntity[]> {
    const unique = [...new Set(roleIds)];
    const roles = unique.length > 0 ? await em.findBy(RoleEntity, { id: In(unique) }) : [];
    const missing = unique.filter((id) => !roles.some((r) => r.id === id));
    if (missing.length > 0) throw new BadRequestError('UNKNOWN_ROLE', `Unknown role id(s): ${missing.join(', ')}`, { roleIds: missing });
    for (const role of roles) {
      if (role.isSuperAdmin && !actor.isSuperAdmin) throw new ForbiddenError('Only a super admin may grant the super admin role');
      if (!mayGrant(actor, role.permissions)) throw new ForbiddenError(`The role "${role.name}" holds permissions you do not hold`);
    }
    return roles;
  }

  /** A store-limited actor may only give stores of its own scope (and never "every store"). */
  private checkStores(actor: StaffPrincipal, storeIds: number[] | null): number[] | null {
    if (actor.storeIds === null) return storeIds;
    const own = actor.storeIds;
    if (storeIds === null || storeIds.some((id) => !own.includes(id))) {
      throw new ForbiddenError('You can only give access to stores within your own store scope');
    }
    return storeIds;
  }

  private async assertAnotherSuperAdmin(em: EntityManager, leavingId: number): Promise<void> {
    const others = (await this.access.activeSuperAdminIds(em)).filter((id) => id !== leavingId);
    if (others.length === 0) throw new LastSuperAdminError();
  }

  /** MySQL: serialize changes that could remove the last super admin. SQLite transactions are serialized anyway. */
  private async lockSuperAdminRole(em: EntityManager): Promise<void> {
    if (em.connection.options.type === 'better-sqlite3') return;
    await em.createQueryBuilder(RoleEntity, 'r').select('r.id').where('r.is_super_admin = :t', { t: true }).setLock('pessimistic_write').getMany();
  }
}

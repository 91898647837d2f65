import { Injectable } from '@nestjs/common';
import { StaffAccountService, StaffAccountView, TokenPair } from '../../identity';
import { StaffAccessService } from './staff-access.service';

/** The signed-in staff account as the admin console needs it. */
export interface AdminProfile {
  id: number;
  username: string;
  roles: Array<{ id: number; name: string }>;
  /** Every permission held (a super admin: every declared permission). */
  permissions: string[];
  isSuperAdmin: boolean;
  /** null: every store. */
  storeIds: number[] | null;
}

export interface AdminSession extends TokenPair {
  admin: AdminProfile;
}

/** Staff login, refresh, logout and own password: identity checks credentials, access adds the grants. */
@Injectable()
export class StaffAuthService {
  constructor(
    private readonly accounts: StaffAccountService,
    private readonly access: StaffAccessService,
  ) {}

  async login(username: string, password: string, ip: string): Promise<AdminSession> {
    const { account, tokens } = await this.accounts.login(username, password, ip);
    return { ...tokens, admin: await this.profileOf(account) };
  }

  async refresh(refreshToken: string): Promise<AdminSession> {
    const { account, tokens } = await this.accounts.refresh(refreshToken);
    return { ...tokens, admin: await this.profileOf(account) };
  }

  async logout(staffId: number, refreshToken: string): Promise<void> {
    await this.accounts.logout(staffId, refreshToken);
  }

  async changePassword(staffId: number, currentPassword: string, newPassword: string): Promise<AdminSession> {
    const { account, tokens } = await this.accounts.changeOwnPassword(staffId, currentPassword, newPassword);
    this.access.invalidate();
    return { ...tokens, admin: await this.profileOf(account) };
  }

  async profile(staffId: number): Promise<AdminProfile> {
    const account = await this.accounts.findById(staffId);
    return this.profileOf(account!);
  }

  private async profileOf(account: StaffAccountView): Promise<AdminProfile> {
    const grants = await this.access.grants(account.id);
    return {
      id: account.id,
      username: account.username,
      roles: grants.roles.map((r) => ({ id: r.id, name: r.name })),
      permissions: grants.permissions,
      isSuperAdmin: grants.isSuperAdmin,
      storeIds: grants.storeIds,
    };
  }
}

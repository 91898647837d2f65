import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { TransactionRunner } from '../../../database/transaction-runner';
import { StartupNotices } from '../../../shared/logging/startup-notices';
import { StaffAccountService } from '../../identity';
import { RoleService } from './role.service';
import { StaffAccessService } from './staff-access.service';

/**
 * At start, when no staff account exists: creates the super admin role and the first super admin
 * (INIT_ADMIN_USERNAME / INIT_ADMIN_PASSWORD). Without INIT_ADMIN_PASSWORD a random password is
 * generated and handed to StartupNotices, which the process prints once after its start-up banner
 * (where `npm start` shows it last); it is never stored in clear.
 */
@Injectable()
export class SuperAdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('SuperAdminBootstrap');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly accounts: StaffAccountService,
    private readonly roles: RoleService,
    private readonly access: StaffAccessService,
    private readonly notices: StartupNotices,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.accounts.count()) > 0) {
      await this.tx.run((em) => this.roles.ensureSuperAdminRole(em));
      return;
    }
    const { username } = this.config.initAdmin;
    const generated = this.config.initAdmin.password === null;
    const password = this.config.initAdmin.password ?? randomBytes(12).toString('base64url');
    const hash = await this.accounts.hashPassword(password);
    let created = false;
    try {
      created = await this.tx.run(async (em) => {
        // Another process may have won the race since the count above.
        if ((await this.accounts.count(em)) > 0) return false;
        const role = await this.roles.ensureSuperAdminRole(em);
        const account = await this.accounts.create(em, username, hash);
        await this.access.setRoles(em, account.id, [role.id]);
        await this.access.setStoreScope(em, account.id, null);
        return true;
      });
    } catch (error) {
      if ((await this.accounts.count()) > 0) return; // created concurrently by another process
      throw error;
    }
    if (!created) return;
    this.logger.log(`Created the first super admin "${username}"`);
    if (generated) {
      this.notices.add([
        '  ============================================================',
        '  First super admin created (shown only this once):',
        `    username: ${username}`,
        `    password: ${password}`,
        '  Log in at POST /api/v1/admin/auth/login and change it',
        '  (POST /api/v1/admin/me/password), or set INIT_ADMIN_PASSWORD.',
        '  ============================================================',
      ]);
    }
  }
}

import { Global, Module } from '@nestjs/common';
import { StaffPrincipalLoader } from '../../shared/auth/principal-loaders';
import { IdentityModule } from '../identity';
import { AdminAccountController } from './api/admin-account.controller';
import { AdminAuthController, AdminMeController } from './api/admin-auth.controller';
import { PermissionController, RoleController } from './api/role.controller';
import { AdminAccountService } from './application/admin-account.service';
import { RoleService } from './application/role.service';
import { StaffAccessService } from './application/staff-access.service';
import { StaffAuthService } from './application/staff-auth.service';
import { SuperAdminBootstrap } from './application/super-admin.bootstrap';

/**
 * Roles, permissions, menus, store scopes and staff account management; the staff principal
 * loader the global auth guard uses (hence global). Depends on identity (credentials), never the
 * other way round.
 */
@Global()
@Module({
  imports: [IdentityModule],
  controllers: [AdminAuthController, AdminMeController, RoleController, PermissionController, AdminAccountController],
  providers: [
    StaffAccessService,
    { provide: StaffPrincipalLoader, useExisting: StaffAccessService },
    RoleService,
    AdminAccountService,
    StaffAuthService,
    SuperAdminBootstrap,
  ],
  exports: [StaffPrincipalLoader, StaffAccessService],
})
export class AccessModule {}

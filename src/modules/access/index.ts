/** The access context's public surface. */
export { AccessModule } from './access.module';
export { AccessPermissions } from './access.permissions';
export { StaffAccessService } from './application/staff-access.service';
export type { StaffGrants } from './application/staff-access.service';
export { assertStoreInScope, canAccessStore, storeScopeWhere, applyStoreScope } from './domain/store-scope';
export { ADMIN_MENU } from './domain/menus';
export type { MenuNode } from './domain/menus';

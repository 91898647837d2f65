import { definePermissions } from '../../shared/auth/permissions';

export const AccessPermissions = definePermissions({
  'role:read': 'See roles and the list of permissions',
  'role:write': 'Create, change and delete roles',
  'admin:read': 'See staff accounts, their roles and store scopes',
  'admin:write': 'Create staff accounts and change their roles, store scopes, passwords and status',
});

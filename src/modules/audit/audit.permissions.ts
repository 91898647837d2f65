import { definePermissions } from '../../shared/auth/permissions';

export const AuditPermissions = definePermissions({
  'operation-log:read': 'See the operation log of staff changes',
});

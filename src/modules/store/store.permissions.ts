import { definePermissions } from '../../shared/auth/permissions';

export const StorePermissions = definePermissions({
  'store:read': 'View stores, their hours, delivery radius and service modes',
  'store:write': 'Create, change and delete stores (hours, temporary closure, delivery radius)',
});

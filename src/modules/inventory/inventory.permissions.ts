import { definePermissions } from '../../shared/auth/permissions';

export const InventoryPermissions = definePermissions({
  'stock:read': 'View SKU stock and the stock ledger',
  'stock:write': 'Adjust SKU stock up or down with a reason',
});

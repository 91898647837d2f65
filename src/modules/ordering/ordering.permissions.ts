import { definePermissions } from '../../shared/auth/permissions';

export const ORDERING_PERMISSIONS = definePermissions({
  'order:read': 'View orders, their items, logs and payments',
  'order:ship': 'Ship orders, mark counter orders ready and verify pickup codes',
  'order:cancel': 'Cancel unpaid orders',
  'order:refund': 'Review after-sales: approve, reject, receive returned goods, retry refunds',
  'order:settings': 'Change order settings (payment timeout, auto-confirm, after-sale window, freight)',
});

import { definePermissions } from '../../shared/auth/permissions';

export const PAYMENT_PERMISSIONS = definePermissions({
  'payment:sync': 'Ask WeChat Pay for the state of an order’s payment and apply it',
});

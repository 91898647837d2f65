import { definePermissions } from '../../shared/auth/permissions';

export const CatalogPermissions = definePermissions({
  'category:read': 'View the category tree, including disabled categories',
  'category:write': 'Create, change, reorder, switch on/off and delete categories',
  'product:read': 'View products with their SKUs, stock and thresholds',
  'product:write': 'Create and edit products and SKUs, put them on or off sale, delete them',
  'media:write': 'Upload product images and videos',
});

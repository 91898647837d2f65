/**
 * The admin console's navigation, in one place. A leaf names the permission that lets an account
 * see it (the permission its page's list route requires); a group shows when any of its children
 * shows. A leaf whose permission no module declares (the module is not installed yet) never shows,
 * so the menu only offers pages that work.
 */
export interface MenuNode {
  key: string;
  title: string;
  /** Console route of the page (leaves). */
  path?: string;
  icon?: string;
  permission?: string;
  children?: MenuNode[];
}

export const ADMIN_MENU: readonly MenuNode[] = [
  { key: 'dashboard', title: 'Dashboard', path: '/dashboard', icon: 'dashboard', permission: 'dashboard:read' },
  {
    key: 'catalog',
    title: 'Products',
    icon: 'shopping',
    children: [
      { key: 'products', title: 'Products', path: '/catalog/products', permission: 'product:read' },
      { key: 'categories', title: 'Categories', path: '/catalog/categories', permission: 'category:read' },
      { key: 'stock', title: 'Stock', path: '/catalog/stock', permission: 'inventory:read' },
    ],
  },
  {
    key: 'orders',
    title: 'Orders',
    icon: 'orders',
    children: [
      { key: 'order-list', title: 'Orders', path: '/orders', permission: 'order:read' },
      { key: 'after-sales', title: 'After-sales', path: '/orders/after-sales', permission: 'after-sale:read' },
      { key: 'order-settings', title: 'Order settings', path: '/orders/settings', permission: 'order-setting:write' },
    ],
  },
  { key: 'stores', title: 'Stores', path: '/stores', icon: 'shop', permission: 'store:read' },
  {
    key: 'members',
    title: 'Members & coupons',
    icon: 'members',
    children: [
      { key: 'users', title: 'Members', path: '/members', permission: 'user:read' },
      { key: 'member-levels', title: 'Member levels', path: '/members/levels', permission: 'member-level:read' },
      { key: 'coupons', title: 'Coupons', path: '/members/coupons', permission: 'coupon:read' },
    ],
  },
  {
    key: 'distribution',
    title: 'Distribution',
    icon: 'share',
    children: [
      { key: 'distributors', title: 'Distributors', path: '/distribution/distributors', permission: 'distribution:read' },
      { key: 'withdrawals', title: 'Withdrawals', path: '/distribution/withdrawals', permission: 'distribution:payout' },
      { key: 'distribution-settings', title: 'Distribution settings', path: '/distribution/settings', permission: 'distribution:write' },
    ],
  },
  {
    key: 'operations',
    title: 'Operations',
    icon: 'alert',
    children: [
      { key: 'alarms', title: 'Alarms', path: '/operations/alarms', permission: 'alarm:read' },
      { key: 'licenses', title: 'Licences', path: '/operations/licenses', permission: 'license:read' },
    ],
  },
  {
    key: 'system',
    title: 'Staff & roles',
    icon: 'team',
    children: [
      { key: 'admins', title: 'Staff accounts', path: '/system/admins', permission: 'admin:read' },
      { key: 'roles', title: 'Roles', path: '/system/roles', permission: 'role:read' },
      { key: 'operation-logs', title: 'Operation log', path: '/system/operation-logs', permission: 'operation-log:read' },
    ],
  },
];

/**
 * The menu an account sees: leaves whose permission is declared (`isDeclared`) and held
 * (`holds`), and groups with at least one visible child. Pure, so the tree itself is unit-tested.
 */
export function visibleMenu(menu: readonly MenuNode[], holds: (permission: string) => boolean, isDeclared: (permission: string) => boolean): MenuNode[] {
  const out: MenuNode[] = [];
  for (const node of menu) {
    if (node.children) {
      const children = visibleMenu(node.children, holds, isDeclared);
      if (children.length > 0) out.push({ ...node, children });
    } else if (node.permission && isDeclared(node.permission) && holds(node.permission)) {
      out.push({ ...node });
    }
  }
  return out;
}

/** Every permission code the menu refers to. */
export function menuPermissions(menu: readonly MenuNode[] = ADMIN_MENU): string[] {
  return menu.flatMap((n) => (n.children ? menuPermissions(n.children) : n.permission ? [n.permission] : []));
}

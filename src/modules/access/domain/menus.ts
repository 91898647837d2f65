/**
 * The admin console's navigation, in one place. A leaf names the permission that lets an account
 * see it (the permission its page's list route requires); a group shows when any of its children
 * shows. Every permission named here is declared by an installed module (menus.spec.ts and the
 * access e2e test hold that), so the super admin sees every page. A new context adds its pages
 * here together with the permissions they need.
 *
 * Titles come in both languages: `title` in Chinese (the console's default), `titleEn` in English.
 */
export interface MenuNode {
  key: string;
  /** zh-CN */
  title: string;
  titleEn: string;
  /** Console route of the page (leaves). */
  path?: string;
  icon?: string;
  permission?: string;
  children?: MenuNode[];
}

export const ADMIN_MENU: readonly MenuNode[] = [
  {
    key: 'catalog',
    title: '商品',
    titleEn: 'Products',
    icon: 'shopping',
    children: [
      { key: 'products', title: '商品管理', titleEn: 'Products', path: '/catalog/products', permission: 'product:read' },
      { key: 'categories', title: '商品分类', titleEn: 'Categories', path: '/catalog/categories', permission: 'category:read' },
      { key: 'stock', title: '库存', titleEn: 'Stock', path: '/catalog/stock', permission: 'stock:read' },
    ],
  },
  {
    key: 'orders',
    title: '订单',
    titleEn: 'Orders',
    icon: 'orders',
    children: [
      { key: 'order-list', title: '订单管理', titleEn: 'Orders', path: '/orders', permission: 'order:read' },
      { key: 'after-sales', title: '售后', titleEn: 'After-sales', path: '/orders/after-sales', permission: 'order:read' },
      { key: 'order-settings', title: '订单设置', titleEn: 'Order settings', path: '/orders/settings', permission: 'order:settings' },
    ],
  },
  { key: 'stores', title: '门店', titleEn: 'Stores', path: '/stores', icon: 'shop', permission: 'store:read' },
  {
    key: 'system',
    title: '员工与角色',
    titleEn: 'Staff & roles',
    icon: 'team',
    children: [
      { key: 'admins', title: '员工账号', titleEn: 'Staff accounts', path: '/system/admins', permission: 'admin:read' },
      { key: 'roles', title: '角色', titleEn: 'Roles', path: '/system/roles', permission: 'role:read' },
      { key: 'operation-logs', title: '操作日志', titleEn: 'Operation log', path: '/system/operation-logs', permission: 'operation-log:read' },
    ],
  },
];

/**
 * The menu an account sees: leaves whose permission it holds (`holds`), and groups with at least
 * one visible child. Pure, so the tree itself is unit-tested.
 */
export function visibleMenu(menu: readonly MenuNode[], holds: (permission: string) => boolean): MenuNode[] {
  const out: MenuNode[] = [];
  for (const node of menu) {
    if (node.children) {
      const children = visibleMenu(node.children, holds);
      if (children.length > 0) out.push({ ...node, children });
    } else if (node.permission && holds(node.permission)) {
      out.push({ ...node });
    }
  }
  return out;
}

/** Every permission code the menu refers to. */
export function menuPermissions(menu: readonly MenuNode[] = ADMIN_MENU): string[] {
  return menu.flatMap((n) => (n.children ? menuPermissions(n.children) : n.permission ? [n.permission] : []));
}

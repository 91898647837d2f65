import { ADMIN_MENU, MenuNode, menuPermissions, visibleMenu } from './menus';

const menu: MenuNode[] = [
  { key: 'a', title: '甲', titleEn: 'A', path: '/a', permission: 'a:read' },
  {
    key: 'g',
    title: '组',
    titleEn: 'G',
    children: [
      { key: 'b', title: '乙', titleEn: 'B', path: '/b', permission: 'b:read' },
      { key: 'c', title: '丙', titleEn: 'C', path: '/c', permission: 'c:read' },
    ],
  },
];

describe('admin menu', () => {
  it('shows only the leaves whose permission is held, with their groups', () => {
    const seen = visibleMenu(menu, (p) => p === 'c:read');
    expect(seen).toEqual([{ key: 'g', title: '组', titleEn: 'G', children: [{ key: 'c', title: '丙', titleEn: 'C', path: '/c', permission: 'c:read' }] }]);
  });

  it('drops a group none of whose children is visible', () => {
    expect(visibleMenu(menu, (p) => p === 'a:read')).toEqual([{ key: 'a', title: '甲', titleEn: 'A', path: '/a', permission: 'a:read' }]);
  });

  it('shows a holder of everything the whole tree', () => {
    expect(visibleMenu(ADMIN_MENU, () => true)).toEqual(ADMIN_MENU);
  });

  it('ties every leaf of the real menu to a well-formed permission, titles every node in both languages and uses unique keys', () => {
    const keys: string[] = [];
    const walk = (nodes: readonly MenuNode[]) =>
      nodes.forEach((n) => {
        keys.push(n.key);
        expect(n.title).toMatch(/\p{Script=Han}/u);
        expect(n.titleEn).toMatch(/^[A-Z][A-Za-z &-]+$/);
        if (n.children) walk(n.children);
        else expect(n.permission).toMatch(/^[a-z][a-z-]*:[a-z][a-z-]*$/);
      });
    walk(ADMIN_MENU);
    expect(new Set(keys).size).toBe(keys.length);
    expect(menuPermissions()).toContain('role:read');
  });
});

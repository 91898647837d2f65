import { ADMIN_MENU, MenuNode, menuPermissions, visibleMenu } from './menus';

const menu: MenuNode[] = [
  { key: 'a', title: 'A', path: '/a', permission: 'a:read' },
  {
    key: 'g',
    title: 'G',
    children: [
      { key: 'b', title: 'B', path: '/b', permission: 'b:read' },
      { key: 'c', title: 'C', path: '/c', permission: 'c:read' },
    ],
  },
  { key: 'x', title: 'X', path: '/x', permission: 'x:read' },
];
const declared = (p: string) => p !== 'x:read';

describe('admin menu', () => {
  it('shows only the leaves whose permission is held, with their groups', () => {
    const seen = visibleMenu(menu, (p) => p === 'c:read', declared);
    expect(seen).toEqual([{ key: 'g', title: 'G', children: [{ key: 'c', title: 'C', path: '/c', permission: 'c:read' }] }]);
  });

  it('drops a group none of whose children is visible', () => {
    expect(visibleMenu(menu, (p) => p === 'a:read', declared)).toEqual([{ key: 'a', title: 'A', path: '/a', permission: 'a:read' }]);
  });

  it('never shows a page whose permission no module declares, even to a holder of everything', () => {
    const keys = JSON.stringify(visibleMenu(menu, () => true, declared));
    expect(keys).not.toContain('"x"');
    expect(keys).toContain('"b"');
  });

  it('ties every leaf of the real menu to a well-formed permission and uses unique keys', () => {
    const keys: string[] = [];
    const walk = (nodes: readonly MenuNode[]) =>
      nodes.forEach((n) => {
        keys.push(n.key);
        if (n.children) walk(n.children);
        else expect(n.permission).toMatch(/^[a-z][a-z-]*:[a-z][a-z-]*$/);
      });
    walk(ADMIN_MENU);
    expect(new Set(keys).size).toBe(keys.length);
    expect(menuPermissions()).toContain('role:read');
  });
});

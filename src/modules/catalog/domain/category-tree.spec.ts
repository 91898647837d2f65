import { buildTree, depthOf, heightOf, selfAndDescendants } from './category-tree';

// 1 ─┬─ 2 ── 4
//    └─ 3
// 5
const rows = [
  { id: 1, parentId: null, name: 'Drinks' },
  { id: 2, parentId: 1, name: 'Tea' },
  { id: 3, parentId: 1, name: 'Coffee' },
  { id: 4, parentId: 2, name: 'Green tea' },
  { id: 5, parentId: null, name: 'Snacks' },
];

describe('category tree', () => {
  it('nests rows under their parents in the given order', () => {
    const tree = buildTree(rows);
    expect(tree.map((n) => n.id)).toEqual([1, 5]);
    expect(tree[0].children.map((n) => n.id)).toEqual([2, 3]);
    expect(tree[0].children[0].children.map((n) => n.id)).toEqual([4]);
  });

  it('drops a subtree whose parent is missing (a disabled category hides its children)', () => {
    const tree = buildTree(rows.filter((r) => r.id !== 2));
    expect(tree[0].children.map((n) => n.id)).toEqual([3]);
    expect(JSON.stringify(tree)).not.toContain('Green tea');
  });

  it('finds a category with every category below it', () => {
    expect(selfAndDescendants(rows, 1).sort()).toEqual([1, 2, 3, 4]);
    expect(selfAndDescendants(rows, 2).sort()).toEqual([2, 4]);
    expect(selfAndDescendants(rows, 5)).toEqual([5]);
  });

  it('measures depth from the top and height of a subtree', () => {
    expect(depthOf(rows, 1)).toBe(1);
    expect(depthOf(rows, 4)).toBe(3);
    expect(heightOf(rows, 1)).toBe(3);
    expect(heightOf(rows, 3)).toBe(1);
  });
});

export interface CategoryRow {
  id: number;
  parentId: number | null;
}

export type TreeNode<T> = T & { children: Array<TreeNode<T>> };

/** The maximum depth of the category tree (top level = 1). */
export const MAX_CATEGORY_DEPTH = 3;

/**
 * Builds a forest from rows already in display order. A row whose parent is not among the rows
 * (e.g. filtered out as disabled) is dropped with its whole subtree.
 */
export function buildTree<T extends CategoryRow>(rows: readonly T[]): Array<TreeNode<T>> {
  const nodes = new Map<number, TreeNode<T>>(rows.map((r) => [r.id, { ...r, children: [] }]));
  const roots: Array<TreeNode<T>> = [];
  for (const row of rows) {
    const node = nodes.get(row.id)!;
    if (row.parentId === null) roots.push(node);
    else nodes.get(row.parentId)?.children.push(node);
  }
  return roots;
}

function childrenIndex(rows: readonly CategoryRow[]): Map<number, number[]> {
  const index = new Map<number, number[]>();
  for (const row of rows) {
    if (row.parentId === null) continue;
    const list = index.get(row.parentId);
    if (list) list.push(row.id);
    else index.set(row.parentId, [row.id]);
  }
  return index;
}

/** The category and all categories below it. */
export function selfAndDescendants(rows: readonly CategoryRow[], id: number): number[] {
  const index = childrenIndex(rows);
  const result: number[] = [];
  const stack = [id];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    result.push(current);
    stack.push(...(index.get(current) ?? []));
  }
  return result;
}

/** Depth of a category (top level = 1). */
export function depthOf(rows: readonly CategoryRow[], id: number): number {
  const parents = new Map(rows.map((r) => [r.id, r.parentId]));
  let depth = 0;
  let current: number | null | undefined = id;
  while (current !== null && current !== undefined && depth <= rows.length) {
    depth += 1;
    current = parents.get(current);
  }
  return depth;
}

/** Levels in the subtree under and including a category (a leaf = 1). */
export function heightOf(rows: readonly CategoryRow[], id: number): number {
  const index = childrenIndex(rows);
  const height = (node: number, guard: number): number =>
    guard > rows.length ? 1 : 1 + Math.max(0, ...(index.get(node) ?? []).map((c) => height(c, guard + 1)));
  return height(id, 0);
}

import type { TreeNode } from '../domain/category-tree';
import type { CategoryEntity } from '../domain/category.entity';
import type { AdminCategoryDto, CategoryNodeDto } from './dto/category.dto';

export function presentAdminCategory(node: CategoryEntity & { children?: Array<TreeNode<CategoryEntity>> }): AdminCategoryDto {
  return {
    id: node.id,
    name: node.name,
    parentId: node.parentId,
    sort: node.sort,
    enabled: node.enabled,
    image: node.image,
    children: (node.children ?? []).map(presentAdminCategory),
  };
}

export function presentCategoryNode(node: TreeNode<CategoryEntity>): CategoryNodeDto {
  return { id: node.id, name: node.name, image: node.image, children: node.children.map(presentCategoryNode) };
}

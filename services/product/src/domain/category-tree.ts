import { AppError } from "@market/kit";

export interface CategoryNode {
  id: string;
  parentId: string | null;
}

/**
 * Refuses a move that would put a category under itself or one of its descendants: the
 * tree would become a cycle, detached from the root. `parents` maps every id to its parent.
 */
export function checkCategoryMove(categoryId: string, newParentId: string | null, parents: ReadonlyMap<string, string | null>): void {
  if (newParentId === null) return;
  if (!parents.has(newParentId)) throw new AppError("validation_failed", "No such parent category.", { errors: [{ field: "parentId", reason: "does not exist" }] });
  const seen = new Set<string>();
  for (let at: string | null = newParentId; at !== null; at = parents.get(at) ?? null) {
    if (at === categoryId) throw new AppError("conflict", "A category cannot move under itself or one of its descendants.");
    // The stored tree is acyclic; this only guards against looping forever on bad data.
    if (seen.has(at)) throw new AppError("internal", "The category tree has a cycle.");
    seen.add(at);
  }
}

export interface TreeNode<T> {
  category: T;
  children: TreeNode<T>[];
}

/** Nests a flat list by parent, keeping the list's order among siblings. */
export function buildCategoryTree<T extends CategoryNode>(categories: readonly T[]): TreeNode<T>[] {
  const nodes = new Map(categories.map((category) => [category.id, { category, children: [] as TreeNode<T>[] }]));
  const roots: TreeNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.category.parentId ? nodes.get(node.category.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

import { asc, eq, sql } from "drizzle-orm";
import { AppError, newId, readJson, readParams, requireRole, type AppContext } from "@market/kit";
import { categories, type Category } from "../../db/schema.ts";
import { buildCategoryTree, checkCategoryMove, type TreeNode } from "../../domain/category-tree.ts";
import type { Deps } from "../../deps.ts";
import { categoryIdParams, createCategoryBody, moveCategoryBody } from "./categories.schemas.ts";

const categoryView = (c: Category) => ({ id: c.id, slug: c.slug, name: c.name, parentId: c.parentId, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() });

type CategoryTreeView = ReturnType<typeof categoryView> & { children: CategoryTreeView[] };
const treeView = (node: TreeNode<Category>): CategoryTreeView => ({ ...categoryView(node.category), children: node.children.map(treeView) });

// Moves take one transaction-scoped lock, so two moves at once cannot each pass the cycle
// check against the tree as it was and together close a loop.
const lockTree = sql`select pg_advisory_xact_lock(hashtext('product.categories.tree'))`;

export async function createCategory(deps: Deps, c: AppContext) {
  requireRole(c, "admin");
  const body = await readJson(c, createCategoryBody);
  const created = await deps.db.transaction(async (tx) => {
    await tx.execute(lockTree);
    if (body.parentId) {
      const [parent] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, body.parentId));
      if (!parent) throw new AppError("validation_failed", "No such parent category.", { errors: [{ field: "parentId", reason: "does not exist" }] });
    }
    const [row] = await tx.insert(categories).values({ id: newId("cat"), ...body }).onConflictDoNothing({ target: categories.slug }).returning();
    return row;
  });
  if (!created) throw new AppError("conflict", `A category with the slug '${body.slug}' exists already.`);
  return c.json(categoryView(created), 201, { location: `/categories/${created.id}` });
}

export async function listCategories(deps: Deps, c: AppContext) {
  const rows = await deps.db.select().from(categories).orderBy(asc(categories.name), asc(categories.id));
  return c.json({ items: rows.map(categoryView) });
}

export async function getCategoryTree(deps: Deps, c: AppContext) {
  const rows = await deps.db.select().from(categories).orderBy(asc(categories.name), asc(categories.id));
  return c.json({ roots: buildCategoryTree(rows).map(treeView) });
}

export async function getCategory(deps: Deps, c: AppContext) {
  const { id } = readParams(c, categoryIdParams);
  const [row] = await deps.db.select().from(categories).where(eq(categories.id, id));
  if (!row) throw new AppError("not_found", "No such category.");
  return c.json(categoryView(row));
}

export async function moveCategory(deps: Deps, c: AppContext) {
  requireRole(c, "admin");
  const { id } = readParams(c, categoryIdParams);
  const { parentId } = await readJson(c, moveCategoryBody);
  const moved = await deps.db.transaction(async (tx) => {
    await tx.execute(lockTree);
    const all = await tx.select({ id: categories.id, parentId: categories.parentId }).from(categories);
    const parents = new Map(all.map((row) => [row.id, row.parentId]));
    if (!parents.has(id)) throw new AppError("not_found", "No such category.");
    checkCategoryMove(id, parentId, parents);
    const [row] = await tx.update(categories).set({ parentId, updatedAt: new Date() }).where(eq(categories.id, id)).returning();
    return row!;
  });
  return c.json(categoryView(moved));
}

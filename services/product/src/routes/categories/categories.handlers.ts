import { and, asc, eq, gt, inArray, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { AppError, newId, readJson, readParams, requireRole, type AppContext, type Tx } from "@market/kit";
import { subtreeOf } from "../../categories/category-queries.ts";
import { categories, products, type Category } from "../../db/schema.ts";
import { buildCategoryTree, checkCategoryMove, type TreeNode } from "../../domain/category-tree.ts";
import type { Deps } from "../../deps.ts";
import { announceProducts } from "../../events/announce-product.ts";
import { committed } from "../../products/change-product.ts";
import { categoryIdParams, createCategoryBody, editCategoryBody, moveCategoryBody } from "./categories.schemas.ts";

const categoryView = (c: Category) => ({ id: c.id, slug: c.slug, name: c.name, parentId: c.parentId, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() });

type CategoryTreeView = ReturnType<typeof categoryView> & { children: CategoryTreeView[] };
const treeView = (node: TreeNode<Category>): CategoryTreeView => ({ ...categoryView(node.category), children: node.children.map(treeView) });

// Category writes take one transaction-scoped lock, so two moves at once cannot each pass the
// cycle check against the tree as it was and together close a loop, and a slug checked free stays free.
const lockTree = sql`select pg_advisory_xact_lock(hashtext('product.categories.tree'))`;

async function requireFreeSlug(tx: Tx, slug: string, exceptId?: string): Promise<void> {
  const [taken] = await tx.select({ id: categories.id }).from(categories).where(and(eq(categories.slug, slug), exceptId ? ne(categories.id, exceptId) : undefined));
  if (taken) throw new AppError("conflict", `A category with the slug '${slug}' exists already.`);
}

export async function createCategory(deps: Deps, c: AppContext) {
  requireRole(c, "admin");
  const body = await readJson(c, createCategoryBody);
  const created = await deps.db.transaction(async (tx) => {
    await tx.execute(lockTree);
    if (body.parentId) {
      const [parent] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, body.parentId));
      if (!parent) throw new AppError("validation_failed", "No such parent category.", { errors: [{ field: "parentId", reason: "does not exist" }] });
    }
    await requireFreeSlug(tx, body.slug);
    const [row] = await tx.insert(categories).values({ id: newId("cat"), ...body }).returning();
    return row!;
  });
  await deps.cache.forgetCategories();
  return c.json(categoryView(created), 201, { location: `/categories/${created.id}` });
}

const allCategories = (deps: Deps) => deps.db.select().from(categories).orderBy(asc(categories.name), asc(categories.id));

export async function listCategories(deps: Deps, c: AppContext) {
  return c.json(await deps.cache.listing("categories", "categories", "list", async () => ({ items: (await allCategories(deps)).map(categoryView) })));
}

export async function getCategoryTree(deps: Deps, c: AppContext) {
  return c.json(await deps.cache.listing("categories", "categories", "tree", async () => ({ roots: buildCategoryTree(await allCategories(deps)).map(treeView) })));
}

export async function getCategory(deps: Deps, c: AppContext) {
  const { id } = readParams(c, categoryIdParams);
  const [row] = await deps.db.select().from(categories).where(eq(categories.id, id));
  if (!row) throw new AppError("not_found", "No such category.");
  return c.json(categoryView(row));
}

/** Renames a category (its name, its slug or both); ids, and so products' category paths, stay. */
export async function editCategory(deps: Deps, c: AppContext) {
  requireRole(c, "admin");
  const { id } = readParams(c, categoryIdParams);
  const body = await readJson(c, editCategoryBody);
  const edited = await deps.db.transaction(async (tx) => {
    await tx.execute(lockTree);
    if (body.slug) await requireFreeSlug(tx, body.slug, id);
    const [row] = await tx.update(categories).set({ ...body, updatedAt: new Date() }).where(eq(categories.id, id)).returning();
    if (!row) throw new AppError("not_found", "No such category.");
    return row;
  });
  await deps.cache.forgetCategories();
  return c.json(categoryView(edited));
}

/** Deletes a leaf nobody files products under (deleted products too: orders still refer to them). */
export async function deleteCategory(deps: Deps, c: AppContext) {
  requireRole(c, "admin");
  const { id } = readParams(c, categoryIdParams);
  await deps.db.transaction(async (tx) => {
    await tx.execute(lockTree);
    const [row] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, id));
    if (!row) throw new AppError("not_found", "No such category.");
    const [child] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.parentId, id)).limit(1);
    if (child) throw new AppError("conflict", "The category has subcategories; move or delete them first.");
    const [product] = await tx.select({ id: products.id }).from(products).where(eq(products.categoryId, id)).limit(1);
    if (product) throw new AppError("conflict", "Products are filed under the category; move them to another category first.");
    await tx.delete(categories).where(eq(categories.id, id));
  });
  await deps.cache.forgetCategories();
  return c.body(null, 204);
}

const moveBatch = 500;

/**
 * Moves a category under another parent (or to the root). Every active product in the moved
 * subtree now has another category path, so each is touched and announced (product.updated)
 * in the move's transaction, a batch at a time.
 */
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
    const touchedIds: string[] = [];
    for (let after = ""; ; ) {
      const batch = tx
        .select({ id: products.id })
        .from(products)
        .where(and(eq(products.status, "active"), isNull(products.deletedAt), isNotNull(products.vendorId), inArray(products.categoryId, subtreeOf(id)), gt(products.id, after)))
        .orderBy(asc(products.id))
        .limit(moveBatch);
      const touched = await tx.update(products).set({ updatedAt: new Date() }).where(inArray(products.id, batch)).returning();
      if (touched.length === 0) break;
      touched.sort((a, b) => a.id.localeCompare(b.id));
      await announceProducts(tx, touched, "updated", deps.media.urlOf);
      after = touched.at(-1)!.id;
      touchedIds.push(...touched.map((p) => p.id));
    }
    return { category: row!, touchedIds };
  });
  await Promise.all([committed(deps, moved.touchedIds), deps.cache.forgetCategories()]);
  return c.json(categoryView(moved.category));
}

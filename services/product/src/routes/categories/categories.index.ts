import { Hono } from "hono";
import type { AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { createCategory, deleteCategory, editCategory, getCategory, getCategoryTree, listCategories, moveCategory } from "./categories.handlers.ts";

/** The category tree: public reads, admin writes. `/tree` comes before `/:id`. */
export function categoriesRouter(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/", (c) => listCategories(deps, c))
    .get("/tree", (c) => getCategoryTree(deps, c))
    .post("/", (c) => createCategory(deps, c))
    .get("/:id", (c) => getCategory(deps, c))
    .patch("/:id", (c) => editCategory(deps, c))
    .delete("/:id", (c) => deleteCategory(deps, c))
    .post("/:id/move", (c) => moveCategory(deps, c));
}

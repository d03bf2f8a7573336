import { Hono } from "hono";
import { authenticate, type AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import {
  addVariant,
  approveProduct,
  archiveProduct,
  createProduct,
  deleteProduct,
  editProduct,
  editVariant,
  getProduct,
  listOwnProducts,
  listProducts,
  listReviewQueue,
  rejectProduct,
  submitProduct,
} from "./products.handlers.ts";

/** Listings: vendors write their own, admins moderate, everyone reads active ones. Static paths before `/:id`. */
export function productsRouter(deps: Deps) {
  // The app skips the token check for GET /products/:id (see app.ts); the handler checks one only when it needs the caller.
  const lateAuthentication = authenticate(deps.verify);
  return new Hono<AppEnv>()
    .get("/", (c) => listProducts(deps, c))
    .post("/", (c) => createProduct(deps, c))
    .get("/mine", (c) => listOwnProducts(deps, c))
    .get("/review-queue", (c) => listReviewQueue(deps, c))
    .get("/:id", (c) => getProduct(deps, c, lateAuthentication))
    .patch("/:id", (c) => editProduct(deps, c))
    .delete("/:id", (c) => deleteProduct(deps, c))
    .post("/:id/submit", (c) => submitProduct(deps, c))
    .post("/:id/approve", (c) => approveProduct(deps, c))
    .post("/:id/reject", (c) => rejectProduct(deps, c))
    .post("/:id/archive", (c) => archiveProduct(deps, c))
    .post("/:id/variants", (c) => addVariant(deps, c))
    .patch("/:id/variants/:variantId", (c) => editVariant(deps, c));
}

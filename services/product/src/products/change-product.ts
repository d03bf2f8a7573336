import { eq } from "drizzle-orm";
import { type AuthUser, type Tx } from "@market/kit";
import { products, type Product } from "../db/schema.ts";
import { productTransition, type ProductAction } from "../domain/product-status.ts";
import { announceProduct } from "../events/announce-product.ts";
import type { Deps } from "../deps.ts";
import { findProduct, manageableOr404 } from "./find-product.ts";

export interface ProductChange {
  productId: string;
  user: AuthUser;
  /** Who may take the step: the owner, admins, or both. */
  access: "owner" | "admin" | "owner_or_admin";
  action: ProductAction;
  reason?: string;
  changes?: Partial<Pick<Product, "title" | "description" | "attributes" | "categoryId">>;
  /** Checks that need the locked product, run before the change (for example: has variants). */
  check?: (tx: Tx, product: Product) => Promise<void>;
}

/**
 * Changes a product under a row lock, so a moderation and an edit at once cannot both win;
 * the status, the fields and product.updated commit together or not at all.
 */
export async function changeProduct(deps: Deps, change: ProductChange): Promise<Product> {
  const changed = await deps.db.transaction(async (tx) => {
    const found = await findProduct(tx, change.productId, { lock: true });
    const product =
      change.access === "admin"
        ? manageableOr404(found, change.user, true)
        : manageableOr404(found, change.user, change.access === "owner_or_admin");
    await change.check?.(tx, product);
    const step = productTransition(product.status, change.action, change.reason);
    const [row] = await tx
      .update(products)
      .set({ ...change.changes, status: step.to, statusReason: step.reason ?? null, updatedAt: new Date() })
      .where(eq(products.id, product.id))
      .returning();
    await announceProduct(tx, row!, "updated");
    return row!;
  });
  deps.relay.kick();
  return changed;
}

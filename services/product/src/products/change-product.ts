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
  /** What the step does besides the status, in its transaction, before the event (for example: release holds). */
  effect?: (tx: Tx, product: Product) => Promise<void>;
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
    await change.effect?.(tx, row!);
    await announceProduct(tx, row!, "updated", deps.media.urlOf);
    return row!;
  });
  await committed(deps, [changed.id]);
  return changed;
}

/** Marks a product changed inside `tx` (its updatedAt) and announces it as it now stands. */
export async function touchProduct(deps: Pick<Deps, "media">, tx: Tx, productId: string): Promise<Product> {
  const [touched] = await tx.update(products).set({ updatedAt: new Date() }).where(eq(products.id, productId)).returning();
  await announceProduct(tx, touched!, "updated", deps.media.urlOf);
  return touched!;
}

/** After a commit that changed products: publish their events soon and drop their cached reads. */
export async function committed(deps: Pick<Deps, "relay" | "cache">, productIds: Iterable<string>): Promise<void> {
  deps.relay.kick();
  await deps.cache.forgetProducts(productIds);
}

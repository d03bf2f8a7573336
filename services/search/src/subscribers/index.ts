import type { Subscription } from "@market/kit";
import type { Deps } from "../deps.ts";
import { onProductCreated } from "./product-created.ts";
import { onProductDeleted } from "./product-deleted.ts";
import { onProductUpdated } from "./product-updated.ts";
import { onReviewCreated } from "./review-created.ts";
import { onReviewModerated } from "./review-moderated.ts";
import { onStockChanged } from "./stock-changed.ts";
import { onVendorApproved } from "./vendor-approved.ts";
import { onVendorPayoutsUpdated } from "./vendor-payouts-updated.ts";
import { onVendorSuspended } from "./vendor-suspended.ts";

/**
 * No inbox: every handler compares the event's time with what the document already holds,
 * so a redelivery or a late event finds nothing to change.
 */
export const searchSubscriptions = (deps: Deps): Subscription[] =>
  [
    onProductCreated(deps),
    onProductUpdated(deps),
    onProductDeleted(deps),
    onStockChanged(deps),
    onReviewCreated(deps),
    onReviewModerated(deps),
    onVendorSuspended(deps),
    onVendorApproved(deps),
    onVendorPayoutsUpdated(deps),
  ] as Subscription[];

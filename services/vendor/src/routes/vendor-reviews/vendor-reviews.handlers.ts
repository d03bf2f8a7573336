import { and, asc, eq, gt } from "drizzle-orm";
import { readJson, readParams, readQuery, requireRole, type AppContext } from "@market/kit";
import { vendors, type Vendor } from "../../db/schema.ts";
import { approveVendor, reinstateVendor, rejectVendor, suspendVendor, type VendorTransition } from "../../domain/vendor-application.ts";
import type { Deps } from "../../deps.ts";
import { changeVendorStatus } from "../../vendors/change-vendor-status.ts";
import { traceparentOf } from "../../vendors/traceparent.ts";
import { vendorView } from "../../vendors/vendor-view.ts";
import { vendorIdParams } from "../vendors/vendors.schemas.ts";
import { reasonBody, reviewQueueQuery } from "./vendor-reviews.schemas.ts";

/** Applications waiting for a decision, oldest first, paged by the last id seen. */
export async function listReviewQueue(deps: Deps, c: AppContext) {
  requireRole(c, "admin");
  const query = readQuery(c, reviewQueueQuery);
  const rows = await deps.db
    .select()
    .from(vendors)
    .where(and(eq(vendors.status, query.status), query.cursor ? gt(vendors.id, query.cursor) : undefined))
    .orderBy(asc(vendors.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return c.json({ items: page.map(vendorView), nextCursor: rows.length > query.limit ? page.at(-1)!.id : null });
}

// The role is checked before the body is read: a non-admin learns nothing about the input.
async function decide(deps: Deps, c: AppContext, step: (vendor: Vendor, adminId: string, reason: string) => VendorTransition, needsReason: boolean) {
  const admin = requireRole(c, "admin");
  const { id } = readParams(c, vendorIdParams);
  const reason = needsReason ? (await readJson(c, reasonBody)).reason : "";
  const vendor = await changeVendorStatus(deps, { where: { id }, decide: (v) => step(v, admin.id, reason), traceparent: traceparentOf(c) });
  return c.json(vendorView(vendor));
}

export const approve = (deps: Deps, c: AppContext) => decide(deps, c, (v, by) => approveVendor(v.status, by), false);
export const reject = (deps: Deps, c: AppContext) => decide(deps, c, (v, by, reason) => rejectVendor(v.status, by, reason), true);
export const suspend = (deps: Deps, c: AppContext) => decide(deps, c, (v, by, reason) => suspendVendor(v.status, by, reason), true);
export const reinstate = (deps: Deps, c: AppContext) => decide(deps, c, (v, by) => reinstateVendor(v.status, by), false);

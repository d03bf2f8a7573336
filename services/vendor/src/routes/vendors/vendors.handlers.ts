import { AppError, newId, ownedOr404, readJson, readParams, requireUser, type AppContext } from "@market/kit";
import { vendorEvents, vendors } from "../../db/schema.ts";
import { editApplication, submitApplication } from "../../domain/vendor-application.ts";
import type { Deps } from "../../deps.ts";
import { changeVendorStatus } from "../../vendors/change-vendor-status.ts";
import { findOwnVendor, findVendorById } from "../../vendors/find-vendor.ts";
import { traceparentOf } from "../../vendors/traceparent.ts";
import { vendorView } from "../../vendors/vendor-view.ts";
import { createApplicationBody, editApplicationBody, vendorIdParams } from "./vendors.schemas.ts";

/** Starts the caller's application as a draft; a user applies once. */
export async function startApplication(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const body = await readJson(c, createApplicationBody);
  const created = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(vendors)
      .values({ id: newId("vnd"), ownerId: user.id, ...body })
      .onConflictDoNothing({ target: vendors.ownerId })
      .returning();
    if (!row) return undefined;
    await tx.insert(vendorEvents).values({ id: newId("vev"), vendorId: row.id, action: "create", fromStatus: null, toStatus: row.status, by: user.id, at: row.createdAt });
    return row;
  });
  if (!created) throw new AppError("conflict", "You already have a vendor application; change it with PATCH /vendors/me.");
  return c.json(vendorView(created), 201, { location: `/vendors/${created.id}` });
}

export async function getOwnApplication(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  return c.json(vendorView(await findOwnVendor(deps.db, user.id)));
}

export async function editOwnApplication(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const changes = await readJson(c, editApplicationBody);
  const vendor = await changeVendorStatus(deps, {
    where: { ownerId: user.id },
    decide: (v) => editApplication(v.status, user.id),
    changes,
    traceparent: traceparentOf(c),
  });
  return c.json(vendorView(vendor));
}

export async function submitOwnApplication(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const vendor = await changeVendorStatus(deps, { where: { ownerId: user.id }, decide: (v) => submitApplication(v.status, user.id), traceparent: traceparentOf(c) });
  return c.json(vendorView(vendor));
}

/** The owner and admins see a vendor; to anyone else it does not exist. */
export async function getVendor(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const { id } = readParams(c, vendorIdParams);
  const vendor = ownedOr404(await findVendorById(deps.db, id), (v) => v.ownerId === user.id, user, true);
  return c.json(vendorView(vendor));
}

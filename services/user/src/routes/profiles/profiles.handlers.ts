import { and, eq } from "drizzle-orm";
import { AppError, hasRole, ownedOr404, readJson, readParams, requireUser, type AppContext } from "@market/kit";
import { addresses, profiles } from "../../db/schema.ts";
import type { Deps } from "../../deps.ts";
import { updateProfileBody, userIdParams } from "./profiles.schemas.ts";
import { profileView, summaryView } from "./profiles.view.ts";

async function findProfile(deps: Deps, id: string) {
  const [row] = await deps.db.select().from(profiles).where(eq(profiles.id, id));
  return row;
}

export async function getOwnProfile(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const row = await findProfile(deps, user.id);
  if (!row) throw new AppError("not_found", "This account has no profile yet (it is created from the registration event).");
  return c.json(profileView(row));
}

export async function updateOwnProfile(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const body = await readJson(c, updateProfileBody);
  const [row] = await deps.db
    .update(profiles)
    .set({ ...body, updatedAt: new Date() })
    .where(eq(profiles.id, user.id))
    .returning();
  if (!row) throw new AppError("not_found", "This account has no profile yet.");
  return c.json(profileView(row));
}

/** A profile by id: the user themselves or an admin. */
export async function getProfileById(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const { id } = readParams(c, userIdParams);
  return c.json(profileView(ownedOr404(await findProfile(deps, id), (p) => p.id === user.id, user, true)));
}

/**
 * The summary orders and carts use (by Dapr service invocation, with a service account's
 * token): the user, their currency and default shipping address.
 */
export async function getUserSummary(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const { id } = readParams(c, userIdParams);
  const mayRead = (p: { id: string }) => p.id === user.id || hasRole(user, "service");
  const profile = ownedOr404(await findProfile(deps, id), mayRead, user, true);
  const [address] = await deps.db.select().from(addresses).where(and(eq(addresses.userId, id), eq(addresses.isDefault, true)));
  return c.json(summaryView(profile, address));
}

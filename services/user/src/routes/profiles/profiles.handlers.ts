import { eq } from "drizzle-orm";
import { userRegistered } from "@market/contracts";
import { AppError, enqueueEvent, ownedOr404, readJson, readParams, requireUser, type AppContext } from "@market/kit";
import { profiles, type Profile } from "../../db/schema.ts";
import type { Deps } from "../../deps.ts";
import { createProfileBody, userIdParams } from "./profiles.schemas.ts";

const view = (p: Profile) => ({
  id: p.id,
  email: p.email,
  displayName: p.displayName,
  locale: p.locale,
  createdAt: p.createdAt.toISOString(),
});

/** Registers the caller: the profile and its user.registered event commit together. */
export async function registerProfile(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const body = await readJson(c, createProfileBody);
  if (!user.email) throw new AppError("validation_failed", "The account has no email address.", { errors: [{ field: "email", reason: "is missing from the token" }] });
  const created = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(profiles)
      .values({ id: user.id, email: user.email!, displayName: body.displayName, locale: body.locale })
      .onConflictDoNothing()
      .returning();
    if (!row) return undefined;
    await enqueueEvent(
      tx,
      userRegistered,
      { userId: row.id, email: row.email, displayName: row.displayName, locale: row.locale, registeredAt: row.createdAt.toISOString() },
      { subject: row.id, source: "user", ...(c.req.header("traceparent") ? { traceparent: c.req.header("traceparent")! } : {}) },
    );
    return row;
  });
  if (!created) throw new AppError("conflict", "This account already has a profile.");
  deps.relay.kick();
  return c.json(view(created), 201, { location: `/users/${created.id}` });
}

export async function getOwnProfile(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const [row] = await deps.db.select().from(profiles).where(eq(profiles.id, user.id));
  if (!row) throw new AppError("not_found", "Register a profile first (POST /users/me).");
  return c.json(view(row));
}

/** A user's summary, for themselves and admins (orders and carts reach it by invocation). */
export async function getProfileById(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const { id } = readParams(c, userIdParams);
  const [row] = await deps.db.select().from(profiles).where(eq(profiles.id, id));
  return c.json(view(ownedOr404(row, (p) => p.id === user.id, user, true)));
}

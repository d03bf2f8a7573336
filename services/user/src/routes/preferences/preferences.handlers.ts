import { eq } from "drizzle-orm";
import { AppError, readJson, requireUser, type AppContext } from "@market/kit";
import { profiles } from "../../db/schema.ts";
import type { Deps } from "../../deps.ts";
import { preferencesBody } from "../profiles/profiles.schemas.ts";

export async function getOwnPreferences(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const [row] = await deps.db.select({ preferences: profiles.preferences }).from(profiles).where(eq(profiles.id, user.id));
  if (!row) throw new AppError("not_found", "This account has no profile yet.");
  return c.json(row.preferences);
}

/** Replaces the whole set of opt-ins: every channel and topic is stated explicitly. */
export async function replaceOwnPreferences(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const preferences = await readJson(c, preferencesBody);
  const [row] = await deps.db.update(profiles).set({ preferences, updatedAt: new Date() }).where(eq(profiles.id, user.id)).returning({ preferences: profiles.preferences });
  if (!row) throw new AppError("not_found", "This account has no profile yet.");
  return c.json(row.preferences);
}

import { userRegistered } from "@market/contracts";
import { applyOnce, subscription } from "@market/kit";
import { profiles } from "../db/schema.ts";
import type { Deps } from "../deps.ts";

/** A registration creates the profile, once, however often the event arrives. */
export const onUserRegistered = (deps: Pick<Deps, "db">) =>
  subscription(userRegistered, (event) =>
    applyOnce(deps.db, { id: event.id, topic: userRegistered.name }, async (tx) => {
      const { userId, email, displayName, locale } = event.data;
      await tx.insert(profiles).values({ id: userId, email, displayName, locale }).onConflictDoNothing();
    }),
  );

import { userRegistered } from "@market/contracts";
import { applyOnce, newId, subscription } from "@market/kit";
import { emailDeliveries, feedItems } from "../db/schema.ts";
import type { Deps } from "../deps.ts";

/** Welcomes a new user: one feed item and one email, however often the event arrives. */
export const onUserRegistered = (deps: Deps) =>
  subscription(userRegistered, async (event) => {
    const { userId, email, displayName } = event.data;
    const outcome = await applyOnce(deps.db, { id: event.id, topic: userRegistered.name }, async (tx) => {
      await tx.insert(feedItems).values({
        id: newId("ntf"),
        userId,
        kind: "welcome",
        title: "Welcome to the marketplace",
        body: `Hello ${displayName}, your account is ready.`,
        sourceEventId: event.id,
      });
      await tx.insert(emailDeliveries).values({
        id: newId("eml"),
        userId,
        to: email,
        template: "welcome",
        subject: "Welcome to the marketplace",
        body: `Hello ${displayName},\n\nyour marketplace account is ready.\n`,
      });
    });
    if (outcome === "applied") deps.emailsQueued();
    return outcome;
  });

import { userRegistered } from "@market/contracts";
import { enqueueEvent, readJson, type AppContext } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { registerBody } from "./registration.schemas.ts";

/**
 * Creates the Keycloak account, then records user.registered in the outbox. Keycloak and
 * Postgres share no transaction: when the event cannot be stored the account is removed
 * again, so that nothing half-registered remains and registering again works.
 */
export async function registerAccount(deps: Deps, c: AppContext) {
  await deps.limits.registrationFrom(c);
  const account = await readJson(c, registerBody);
  await deps.limits.account(c, account.email);
  const userId = await deps.keycloak.createUser(account);
  const traceparent = c.req.header("traceparent");
  try {
    await deps.db.transaction((tx) =>
      enqueueEvent(
        tx,
        userRegistered,
        { userId, email: account.email, displayName: account.displayName, locale: account.locale, registeredAt: new Date().toISOString() },
        { subject: userId, source: "auth", ...(traceparent ? { traceparent } : {}) },
      ),
    );
  } catch (error) {
    await deps.keycloak.deleteUser(userId).catch((err) => c.var.log.error({ err, userId }, "could not remove the Keycloak user of a failed registration"));
    throw error;
  }
  deps.relay.kick();
  return c.json({ userId }, 201);
}

import { AppError, readJson, readQuery, requireUser, type AppContext } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { marketplaceRoles } from "../../domain/roles.ts";
import type { PendingLogin } from "../../keycloak/login-client.ts";
import { callbackQuery, loginQuery, refreshTokenBody } from "./sessions.schemas.ts";

const pendingLoginKey = (state: string) => `pkce:${state}`;
// A login left unfinished for longer is forgotten; its state then answers 400.
const pendingLoginSeconds = 600;
// Tokens must never be stored by a cache on the way (RFC 6749, 5.1).
const noStore = { "cache-control": "no-store", pragma: "no-cache" };

/** Sends the browser to Keycloak's login page, remembering the PKCE verifier under the state. */
export async function startLogin(deps: Deps, c: AppContext) {
  await deps.limits.loginFrom(c);
  const query = readQuery(c, loginQuery);
  if (query.login_hint) await deps.limits.account(c, query.login_hint);
  const { state, pending, authorizationUrl } = await deps.login.begin(query.redirect_uri, query.login_hint);
  await deps.dapr.saveState<PendingLogin>(pendingLoginKey(state), pending, { ttlSeconds: pendingLoginSeconds });
  return c.redirect(authorizationUrl.href, 302);
}

/** Exchanges the code Keycloak sent back for tokens; each state works once. */
export async function completeLogin(deps: Deps, c: AppContext) {
  await deps.limits.loginFrom(c);
  const response = readQuery(c, callbackQuery);
  const key = pendingLoginKey(response.state);
  const entry = await deps.dapr.getState<PendingLogin>(key);
  if (!entry) throw new AppError("bad_request", "This login is unknown or has expired; start it again.");
  // Forget the state before the exchange, so a replayed callback finds nothing even if this one fails.
  await deps.dapr.deleteState(key, { etag: entry.etag });
  const tokens = await deps.login.complete(entry.value, response, response.state);
  return c.json(tokens, 200, noStore);
}

export async function refreshSession(deps: Deps, c: AppContext) {
  await deps.limits.loginFrom(c);
  const { refresh_token } = await readJson(c, refreshTokenBody);
  return c.json(await deps.login.refresh(refresh_token), 200, noStore);
}

export async function endSession(deps: Deps, c: AppContext) {
  await deps.limits.loginFrom(c);
  const { refresh_token } = await readJson(c, refreshTokenBody);
  await deps.login.endSession(refresh_token);
  return c.body(null, 204);
}

export function describeCaller(c: AppContext) {
  const user = requireUser(c);
  return c.json({ id: user.id, email: user.email ?? null, name: user.name ?? null, roles: marketplaceRoles(user.roles) });
}

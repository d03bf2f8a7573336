import * as oidc from "openid-client";
import type { Dapr, Logger } from "@market/kit";
import type { Env } from "../env.ts";
import { createKeycloakAdmin, type KeycloakAdmin } from "./admin-api.ts";
import { cachedUntilRejected, discoverClient } from "./discovery.ts";
import { createLoginClient, type LoginClient } from "./login-client.ts";
import { serviceToken } from "./service-token.ts";

/**
 * The two faces of Keycloak: the admin API as the auth-service client (its secret from the
 * environment or else the Dapr secret store, read on first use because the sidecar starts
 * after the app) and the storefront's public client for browser logins.
 */
export function connectKeycloak(env: Env, deps: { dapr: Dapr; log: Logger }): { keycloak: KeycloakAdmin; login: LoginClient } {
  const issuer = new URL(`${env.KEYCLOAK_URL}/realms/${encodeURIComponent(env.KEYCLOAK_REALM)}`);
  const secret = cachedUntilRejected(async () => env.AUTH_CLIENT_SECRET ?? deps.dapr.secret("keycloak.authServiceSecret"));
  const serviceClient = discoverClient(issuer, env.AUTH_CLIENT_ID, async () => oidc.ClientSecretBasic(await secret()));
  return {
    keycloak: createKeycloakAdmin({ keycloakUrl: env.KEYCLOAK_URL, realm: env.KEYCLOAK_REALM, token: serviceToken(serviceClient), log: deps.log }),
    login: createLoginClient(discoverClient(issuer, env.LOGIN_CLIENT_ID, async () => oidc.None()), deps.log),
  };
}

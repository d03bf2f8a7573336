import type { Core, OutboxRelay } from "@market/kit";
import type { KeycloakAdmin } from "./keycloak/admin-api.ts";
import type { LoginClient } from "./keycloak/login-client.ts";
import type { AuthLimits } from "./rate-limits.ts";

/** What the auth service's handlers need; tests pass their own. */
export interface Deps extends Omit<Core, "cleanups"> {
  relay: Pick<OutboxRelay, "kick">;
  pubsubName: string;
  keycloak: KeycloakAdmin;
  login: LoginClient;
  limits: AuthLimits;
}

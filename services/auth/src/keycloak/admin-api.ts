import { AppError, type Logger } from "@market/kit";
import type { AssignableRole } from "../domain/roles.ts";
import type { ServiceToken } from "./service-token.ts";
import { keycloakUnavailable } from "./unavailable.ts";

export interface NewAccount {
  email: string;
  password: string;
  displayName: string;
  locale: string;
}

/** The users and realm roles of the realm, through Keycloak's admin REST API as the auth-service client. */
export interface KeycloakAdmin {
  /** Creates an enabled user (with the realm's default roles, so customer) and returns its id. */
  createUser(account: NewAccount): Promise<string>;
  /** Removes a user; one that is already gone is fine. */
  deleteUser(userId: string): Promise<void>;
  grantRealmRole(userId: string, role: AssignableRole): Promise<void>;
  revokeRealmRole(userId: string, role: AssignableRole): Promise<void>;
}

interface RoleRepresentation {
  id: string;
  name: string;
}

// Keycloak reports profile validation per attribute; name our fields instead of its.
const fieldOf: Record<string, string> = { firstName: "displayName", username: "email", email: "email", password: "password" };

export function createKeycloakAdmin(options: { keycloakUrl: string; realm: string; token: ServiceToken; log: Logger }): KeycloakAdmin {
  const base = `${options.keycloakUrl}/admin/realms/${encodeURIComponent(options.realm)}`;
  const roles = new Map<string, Promise<RoleRepresentation>>();

  async function call(method: string, path: string, body?: unknown, retried = false): Promise<Response> {
    let answer: Response;
    try {
      answer = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${await options.token.get()}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw keycloakUnavailable(options.log, `${method} ${path}`, error);
    }
    if (answer.status === 401 && !retried) {
      options.token.forget();
      return call(method, path, body, true);
    }
    if (answer.status >= 500 || answer.status === 401 || answer.status === 403) {
      throw keycloakUnavailable(options.log, `${method} ${path}`, new Error(`status ${answer.status}: ${(await answer.text()).slice(0, 300)}`));
    }
    return answer;
  }

  const userPath = (userId: string) => `/users/${encodeURIComponent(userId)}`;

  function realmRole(name: AssignableRole): Promise<RoleRepresentation> {
    let found = roles.get(name);
    if (!found) {
      found = call("GET", `/roles/${name}`).then(async (answer) => {
        if (!answer.ok) throw keycloakUnavailable(options.log, `role ${name}`, new Error(`status ${answer.status}`));
        const { id } = (await answer.json()) as RoleRepresentation;
        return { id, name };
      });
      found.catch(() => roles.delete(name));
      roles.set(name, found);
    }
    return found;
  }

  async function changeRoleMapping(method: "POST" | "DELETE", userId: string, role: AssignableRole) {
    const answer = await call(method, `${userPath(userId)}/role-mappings/realm`, [await realmRole(role)]);
    if (answer.status === 404) throw new AppError("not_found", "No such user.");
    if (!answer.ok) throw keycloakUnavailable(options.log, `${method} role ${role}`, new Error(`status ${answer.status}`));
  }

  return {
    async createUser(account) {
      const answer = await call("POST", "/users", {
        username: account.email,
        email: account.email,
        emailVerified: false,
        enabled: true,
        firstName: account.displayName,
        attributes: { locale: [account.locale] },
        credentials: [{ type: "password", value: account.password, temporary: false }],
      });
      if (answer.status === 409) throw new AppError("conflict", "An account with this email address exists already.");
      if (answer.status === 400) {
        const refusal = (await answer.json().catch(() => ({}))) as { field?: string; errorMessage?: string };
        const field = (refusal.field && fieldOf[refusal.field]) ?? "body";
        throw new AppError("validation_failed", "The account was refused.", { errors: [{ field, reason: refusal.errorMessage ?? "is invalid" }] });
      }
      const location = answer.headers.get("location");
      if (answer.status !== 201 || !location) throw keycloakUnavailable(options.log, "create user", new Error(`status ${answer.status}`));
      return location.slice(location.lastIndexOf("/") + 1);
    },

    async deleteUser(userId) {
      const answer = await call("DELETE", userPath(userId));
      if (!answer.ok && answer.status !== 404) throw keycloakUnavailable(options.log, "delete user", new Error(`status ${answer.status}`));
    },

    grantRealmRole: (userId, role) => changeRoleMapping("POST", userId, role),
    revokeRealmRole: (userId, role) => changeRoleMapping("DELETE", userId, role),
  };
}

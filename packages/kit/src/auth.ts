import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import type { MiddlewareHandler } from "hono";
import { AppError } from "./errors.ts";
import type { AppContext, AppEnv } from "./app.ts";

/** Realm roles; `service` is held by service accounts (client credentials), never by people. */
export type Role = "admin" | "vendor" | "customer" | "service";

export interface AuthUser {
  /** Keycloak's subject: the stable user id across services. */
  id: string;
  roles: ReadonlySet<string>;
  email: string | undefined;
  name: string | undefined;
  /** Set for service accounts (client credentials): the client id. */
  clientId: string | undefined;
}

export interface VerifierOptions {
  issuer: string;
  audience: string;
  jwksUrl?: string;
  /** For tests that serve their own JWKS. */
  keys?: JWTVerifyGetKey;
}

export type Verifier = (token: string) => Promise<AuthUser>;

/**
 * Verifies Keycloak access tokens: signature by the realm's JWKS (fetched once, cached and
 * refreshed by jose when an unknown key id appears), issuer, audience, expiry. Only
 * asymmetric algorithms are accepted, so `alg: none` and HMAC tricks fail.
 */
export function createVerifier(options: VerifierOptions): Verifier {
  const keys = options.keys ?? createRemoteJWKSet(new URL(options.jwksUrl ?? `${options.issuer}/protocol/openid-connect/certs`), {
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
  });
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"],
        clockTolerance: 5,
        requiredClaims: ["sub", "exp"],
      }));
    } catch {
      throw new AppError("unauthenticated", "The access token is invalid or expired.", {
        headers: { "www-authenticate": 'Bearer error="invalid_token"' },
      });
    }
    return userFromClaims(payload);
  };
}

/** The user a verified token describes: subject, realm roles, email, name, service client. */
export function userFromClaims(payload: JWTPayload): AuthUser {
  const realmAccess = payload.realm_access as { roles?: unknown } | undefined;
  const roles = Array.isArray(realmAccess?.roles) ? realmAccess.roles.filter((r): r is string => typeof r === "string") : [];
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  return {
    id: payload.sub!,
    roles: new Set(roles),
    email: str(payload.email),
    name: str(payload.name) ?? str(payload.preferred_username),
    clientId: str(payload.client_id) ?? (str(payload.preferred_username)?.startsWith("service-account-") ? str(payload.azp) : undefined),
  };
}

/** Verifies a bearer token when one is sent; routes decide with `requireUser`/`requireRole`. */
export function authenticate(verify: Verifier): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization");
    if (header) {
      const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]*)$/.exec(header);
      if (!match) throw new AppError("unauthenticated", "Send the access token as 'Authorization: Bearer <token>'.");
      c.set("user", await verify(match[1]!));
    }
    await next();
  };
}

export function requireUser(c: AppContext): AuthUser {
  const user = c.var.user;
  if (!user) throw new AppError("unauthenticated", "Sign in to do this.", { headers: { "www-authenticate": "Bearer" } });
  return user;
}

/** The caller must hold at least one of the roles. */
export function requireRole(c: AppContext, ...roles: Role[]): AuthUser {
  const user = requireUser(c);
  if (!roles.some((role) => user.roles.has(role))) throw new AppError("forbidden", `This needs the role ${roles.join(" or ")}.`);
  return user;
}

export const hasRole = (user: AuthUser | undefined, role: Role): boolean => !!user?.roles.has(role);

/**
 * Ownership as the normal path: another tenant's object is indistinguishable from a
 * missing one (404), so ids cannot be probed. Admins may pass `allowAdmin`.
 */
export function ownedOr404<T>(object: T | undefined | null, isOwner: (object: T) => boolean, user?: AuthUser, allowAdmin = false): T {
  if (object == null) throw new AppError("not_found");
  if (isOwner(object) || (allowAdmin && hasRole(user, "admin"))) return object;
  throw new AppError("not_found");
}

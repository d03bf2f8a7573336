import { AppError, type Logger } from "@market/kit";

/**
 * Keycloak could not be reached or answered with a server error: log the cause for us and
 * tell the caller to retry, without internals.
 */
export function keycloakUnavailable(log: Logger, what: string, cause: unknown): AppError {
  log.warn({ err: cause }, `keycloak: ${what} failed`);
  return new AppError("upstream_unavailable", "The identity provider is unavailable; try again shortly.", { headers: { "retry-after": "2" } });
}

import * as oidc from "openid-client";

/**
 * Remembers the first successful answer of `load`; a failed one is forgotten, so the next
 * call tries again (Keycloak may still be booting when the service starts).
 */
export function cachedUntilRejected<T>(load: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  return () =>
    (cached ??= load().catch((error: unknown) => {
      cached = undefined;
      throw error;
    }));
}

/** The realm's OIDC configuration for one client, discovered on first use. */
export function discoverClient(issuer: URL, clientId: string, clientAuth: () => Promise<oidc.ClientAuth>): () => Promise<oidc.Configuration> {
  // Local Keycloak speaks plain http on loopback; anywhere else it must be https.
  const execute = issuer.protocol === "http:" ? [oidc.allowInsecureRequests] : [];
  return cachedUntilRejected(async () => oidc.discovery(issuer, clientId, undefined, await clientAuth(), { execute, timeout: 10 }));
}

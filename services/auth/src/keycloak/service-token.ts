import * as oidc from "openid-client";

export interface ServiceToken {
  /** An access token of the auth-service client (client credentials), cached until shortly before it expires. */
  get(): Promise<string>;
  /** Drops the cached token after Keycloak refused it (revoked, realm keys rotated). */
  forget(): void;
}

export function serviceToken(client: () => Promise<oidc.Configuration>): ServiceToken {
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const fetchToken = async () => {
    const answer = await oidc.clientCredentialsGrant(await client());
    const lifeMs = (answer.expires_in ?? 60) * 1000;
    // Renew early, so a token never expires between being handed out and being used.
    cached = { token: answer.access_token, renewAt: Date.now() + lifeMs - Math.min(30_000, lifeMs / 4) };
    return answer.access_token;
  };

  return {
    async get() {
      if (cached && Date.now() < cached.renewAt) return cached.token;
      pending ??= fetchToken().finally(() => (pending = undefined));
      return pending;
    },
    forget() {
      cached = undefined;
    },
  };
}

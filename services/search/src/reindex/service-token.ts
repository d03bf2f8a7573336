import { cachedAccessToken, type AccessToken } from "@market/kit";

/**
 * A Keycloak access token for a confidential client (client credentials), renewed shortly
 * before it expires: a reindex of a large catalog outlives one token.
 */
export function clientCredentialsToken(options: { issuer: string; clientId: string; secret: () => Promise<string> }): AccessToken {
  return cachedAccessToken(async () => {
    const response = await fetch(`${options.issuer}/protocol/openid-connect/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: options.clientId, client_secret: await options.secret() }),
    });
    if (!response.ok) throw new Error(`Keycloak refused a token for ${options.clientId}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { access_token: string; expires_in?: number };
  });
}

import * as oidc from "openid-client";
import { cachedAccessToken, type AccessToken } from "@market/kit";

export type ServiceToken = AccessToken;

/** An access token of the auth-service client (client credentials), cached until shortly before it expires. */
export function serviceToken(client: () => Promise<oidc.Configuration>): ServiceToken {
  return cachedAccessToken(async () => oidc.clientCredentialsGrant(await client()));
}

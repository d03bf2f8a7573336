import * as oidc from "openid-client";
import { AppError, type Logger } from "@market/kit";
import { keycloakUnavailable } from "./unavailable.ts";

/** What a browser login keeps between leaving for Keycloak and coming back with a code. */
export interface PendingLogin {
  codeVerifier: string;
  nonce: string;
  redirectUri: string;
}

export interface Tokens {
  access_token: string;
  refresh_token: string | undefined;
  expires_in: number | undefined;
  id_token: string | undefined;
  token_type: string;
}

/** The storefront's public client: authorization code with PKCE, refresh and logout. */
export interface LoginClient {
  begin(redirectUri: string, loginHint?: string): Promise<{ state: string; pending: PendingLogin; authorizationUrl: URL }>;
  /** `response` holds the query Keycloak sent the browser back with (code, state, iss, or error). */
  complete(pending: PendingLogin, response: Record<string, string>, state: string): Promise<Tokens>;
  refresh(refreshToken: string): Promise<Tokens>;
  /** Ends the Keycloak session the refresh token belongs to, so none of its tokens can be refreshed again. */
  endSession(refreshToken: string): Promise<void>;
}

const tokensOf = (answer: oidc.TokenEndpointResponse): Tokens => ({
  access_token: answer.access_token,
  refresh_token: answer.refresh_token,
  expires_in: answer.expires_in,
  id_token: answer.id_token,
  token_type: answer.token_type,
});

/** An OAuth error answer from Keycloak (invalid_grant…) is the caller's problem; anything else is Keycloak's. */
function refusedBy(error: unknown): boolean {
  return error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError;
}

export function createLoginClient(client: () => Promise<oidc.Configuration>, log: Logger): LoginClient {
  const discovered = async () => {
    try {
      return await client();
    } catch (error) {
      throw keycloakUnavailable(log, "discovery", error);
    }
  };

  return {
    async begin(redirectUri, loginHint) {
      const config = await discovered();
      const pending = { codeVerifier: oidc.randomPKCECodeVerifier(), nonce: oidc.randomNonce(), redirectUri };
      const state = oidc.randomState();
      const authorizationUrl = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: "openid",
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: "S256",
        state,
        nonce: pending.nonce,
        ...(loginHint ? { login_hint: loginHint } : {}),
      });
      return { state, pending, authorizationUrl };
    },

    async complete(pending, response, state) {
      const callbackUrl = new URL(pending.redirectUri);
      for (const [name, value] of Object.entries(response)) callbackUrl.searchParams.set(name, value);
      try {
        const config = await client();
        return tokensOf(await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: pending.codeVerifier, expectedState: state, expectedNonce: pending.nonce }));
      } catch (error) {
        if (refusedBy(error)) throw new AppError("bad_request", "The login was not completed; start it again.");
        throw keycloakUnavailable(log, "code exchange", error);
      }
    },

    async refresh(refreshToken) {
      try {
        return tokensOf(await oidc.refreshTokenGrant(await client(), refreshToken));
      } catch (error) {
        if (refusedBy(error)) throw new AppError("unauthenticated", "The refresh token is invalid, expired or logged out; log in again.");
        throw keycloakUnavailable(log, "refresh", error);
      }
    },

    async endSession(refreshToken) {
      let answer: Response;
      try {
        const config = await client();
        const endpoint = config.serverMetadata().end_session_endpoint;
        if (!endpoint) throw new Error("the realm announces no end_session_endpoint");
        // Keycloak's back-channel logout: a POST with the refresh token ends its whole session.
        answer = await fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ client_id: config.clientMetadata().client_id, refresh_token: refreshToken }),
          signal: AbortSignal.timeout(10_000),
        });
      } catch (error) {
        throw keycloakUnavailable(log, "logout", error);
      }
      if (answer.status >= 500) throw keycloakUnavailable(log, "logout", new Error(`status ${answer.status}`));
      if (!answer.ok) throw new AppError("unauthenticated", "The refresh token is invalid, expired or already logged out.");
    },
  };
}

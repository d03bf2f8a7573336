import { z } from "zod";
import { allowedRedirectUri } from "../../domain/redirect-uri.ts";

export const loginQuery = z.object({
  redirect_uri: z
    .string()
    .transform((value, ctx) => allowedRedirectUri(value) ?? (ctx.addIssue({ code: "custom", message: "must be http://127.0.0.1:<port>/… or http://localhost:<port>/… without query" }), z.NEVER)),
  /** The email the user will log in with, when known: Keycloak pre-fills it and the account's rate limit applies. */
  login_hint: z.string().trim().toLowerCase().pipe(z.email("must be an email address")).optional(),
});

/** What Keycloak sends the browser back with: a code, or an error, and always the state. */
export const callbackQuery = z.object({ state: z.string().min(1).max(200) }).catchall(z.string());

export const refreshTokenBody = z.strictObject({ refresh_token: z.string().min(1).max(8192) });

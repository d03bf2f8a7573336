import { z } from "zod";

// Keycloak refuses these in a person's name (its person-name-prohibited-characters rule);
// refusing them here names the field instead of relaying Keycloak's message.
const prohibitedInNames = /[<>&"$%!#?§;*~/\\|^=[\]{}()\p{Cc}]/u;

export const registerBody = z.strictObject({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("must be an email address")),
  password: z.string().min(10).max(256),
  displayName: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .refine((name) => !prohibitedInNames.test(name), "must not contain < > & \" $ % ! # ? § ; * ~ / \\ | ^ = [ ] { } ( )"),
  locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, "must be a locale such as en or de-DE").default("en"),
});

import { z } from "zod";

const locale = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, "must be a locale such as en or de-DE");
const currency = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR");

/** What a user may change about themselves: never their id, email, roles or status. */
export const updateProfileBody = z
  .strictObject({
    displayName: z.string().trim().min(1).max(80),
    phone: z.string().regex(/^\+?[\d ()-]{5,20}$/, "must be a phone number").nullable(),
    locale,
    preferredCurrency: currency,
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, "send at least one field to change");

const topics = z.strictObject({ orders: z.boolean(), account: z.boolean(), marketing: z.boolean() });
export const preferencesBody = z.strictObject({ email: topics, inApp: topics, push: topics });

export const userIdParams = z.object({ id: z.string().uuid("must be a user id (UUID)") });

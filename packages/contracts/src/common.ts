import { z } from "zod";

/** Money is an integer count of the currency's minor unit, never a float. */
export const money = z.strictObject({
  amount: z.number().int().safe(),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR"),
});
export type Money = z.infer<typeof money>;

export const id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `must be a ${prefix}_ id`);
/** Keycloak subjects are UUIDs; users are known by them across services. */
export const userId = z.string().uuid();
export const timestamp = z.string().datetime({ offset: true });

import { z } from "zod";

export const createProfileBody = z.strictObject({
  displayName: z.string().trim().min(1).max(80),
  locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, "must be a locale such as en or de-DE").default("en"),
});

export const userIdParams = z.object({ id: z.string().uuid("must be a user id (UUID)") });

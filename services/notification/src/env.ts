import { z } from "zod";
import { authEnv, baseEnv, databaseEnv, parseEnv } from "@market/kit";

export const envSchema = baseEnv
  .extend(databaseEnv.shape)
  .extend(authEnv.shape)
  .extend({ EMAIL_BINDING: z.string().default("email"), EMAIL_DISPATCH_IDLE_MS: z.coerce.number().int().positive().default(1000) });
export type Env = ReturnType<typeof readEnv>;
export const readEnv = (source: NodeJS.ProcessEnv = process.env) => parseEnv(envSchema, source);

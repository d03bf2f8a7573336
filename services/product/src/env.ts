import { z } from "zod";
import { authEnv, baseEnv, databaseEnv, parseEnv } from "@market/kit";

const stockEnv = z.object({
  /** How often held reservations past their expiry are swept back into stock. */
  RESERVATION_SWEEP_MS: z.coerce.number().int().min(100).default(5_000),
});

export const envSchema = baseEnv.extend(databaseEnv.shape).extend(authEnv.shape).extend(stockEnv.shape);
export type Env = ReturnType<typeof readEnv>;
export const readEnv = (source: NodeJS.ProcessEnv = process.env) => parseEnv(envSchema, source);

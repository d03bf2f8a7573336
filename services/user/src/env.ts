import { authEnv, baseEnv, databaseEnv, parseEnv } from "@market/kit";

export const envSchema = baseEnv.extend(databaseEnv.shape).extend(authEnv.shape);
export type Env = ReturnType<typeof readEnv>;
export const readEnv = (source: NodeJS.ProcessEnv = process.env) => parseEnv(envSchema, source);

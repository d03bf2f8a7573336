import { z } from "zod";
import { authEnv, baseEnv, databaseEnv, parseEnv } from "@market/kit";
import { objectStorageEnv } from "@market/kit/object-storage";

// Local defaults match packages/infra/parts (MinIO, stripe-mock); production sets each one.
const storageEnv = objectStorageEnv.extend({ KYC_BUCKET: z.string().min(1).default("kyc-documents") });

const stripeEnv = z.object({
  STRIPE_API_BASE: z.string().url().default("http://127.0.0.1:12111"),
  STRIPE_SECRET_KEY: z.string().min(1).default("sk_test_123"),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).default("whsec_local_dev_only"),
  /** Where Stripe sends a vendor back after (or to restart) its Connect onboarding. */
  VENDOR_ONBOARDING_URL: z.string().url().default("http://127.0.0.1:8080/vendor/payouts"),
});

export const envSchema = baseEnv.extend(databaseEnv.shape).extend(authEnv.shape).extend(storageEnv.shape).extend(stripeEnv.shape);
export type Env = ReturnType<typeof readEnv>;
export const readEnv = (source: NodeJS.ProcessEnv = process.env) => parseEnv(envSchema, source);

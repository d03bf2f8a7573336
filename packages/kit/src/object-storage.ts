import { S3Client } from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { z } from "zod";

// Not exported from the kit's index: the AWS SDK is large, and only services that keep
// objects load it (import "@market/kit/object-storage").

/** Local defaults match packages/infra/parts/s3.sh (MinIO); production sets each one. */
export const objectStorageEnv = z.object({
  S3_ENDPOINT: z.string().url().default("http://127.0.0.1:19010"),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY: z.string().min(1).default("marketplace"),
  S3_SECRET_KEY: z.string().min(1).default("marketplace-dev-secret"),
});
export type ObjectStorageEnv = z.infer<typeof objectStorageEnv>;

export function createS3Client(env: ObjectStorageEnv): S3Client {
  return new S3Client({
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    credentials: { accessKeyId: env.S3_ACCESS_KEY, secretAccessKey: env.S3_SECRET_KEY },
    forcePathStyle: true,
    // Checksums only where S3 requires them: S3-compatible stores (MinIO locally) differ in
    // which of the SDK's newer default checksum modes they accept.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

export const expiresIn = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

/**
 * A presigned POST whose policy pins the key and the content type and bounds the size: the
 * storage enforces these, so a client cannot swap what the service agreed to, whatever it declares.
 */
export async function presignUpload(
  s3: S3Client,
  upload: { bucket: string; key: string; contentType: string; minBytes?: number; maxBytes: number; seconds: number },
): Promise<PresignedUpload> {
  const post = await createPresignedPost(s3, {
    Bucket: upload.bucket,
    Key: upload.key,
    Conditions: [
      ["content-length-range", upload.minBytes ?? 1, upload.maxBytes],
      ["eq", "$Content-Type", upload.contentType],
      ["eq", "$key", upload.key],
    ],
    Fields: { "Content-Type": upload.contentType },
    Expires: upload.seconds,
  });
  return { ...post, expiresAt: expiresIn(upload.seconds) };
}

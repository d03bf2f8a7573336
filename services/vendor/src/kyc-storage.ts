import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { maxKycDocumentBytes } from "./domain/kyc-document.ts";
import type { Env } from "./env.ts";

export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

export interface PresignedDownload {
  url: string;
  expiresAt: string;
}

/** KYC files never pass through the service: clients upload and admins download by presigned URL. */
export interface KycStorage {
  presignUpload(key: string, contentType: string): Promise<PresignedUpload>;
  presignDownload(key: string): Promise<PresignedDownload>;
}

const uploadSeconds = 5 * 60;
const downloadSeconds = 60;

export function createKycStorage(env: Pick<Env, "S3_ENDPOINT" | "S3_REGION" | "S3_ACCESS_KEY" | "S3_SECRET_KEY" | "KYC_BUCKET">): KycStorage {
  const s3 = new S3Client({
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    credentials: { accessKeyId: env.S3_ACCESS_KEY, secretAccessKey: env.S3_SECRET_KEY },
    forcePathStyle: true,
    // Checksums only where S3 requires them: S3-compatible stores (MinIO locally) differ in
    // which of the SDK's newer default checksum modes they accept.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const expiry = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
  return {
    async presignUpload(key, contentType) {
      // The storage enforces these conditions, so a client cannot swap the type, the key or
      // the size the service agreed to, whatever it declared.
      const post = await createPresignedPost(s3, {
        Bucket: env.KYC_BUCKET,
        Key: key,
        Conditions: [
          ["content-length-range", 1, maxKycDocumentBytes],
          ["eq", "$Content-Type", contentType],
          ["eq", "$key", key],
        ],
        Fields: { "Content-Type": contentType },
        Expires: uploadSeconds,
      });
      return { ...post, expiresAt: expiry(uploadSeconds) };
    },
    async presignDownload(key) {
      const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: env.KYC_BUCKET, Key: key }), { expiresIn: downloadSeconds });
      return { url, expiresAt: expiry(downloadSeconds) };
    },
  };
}

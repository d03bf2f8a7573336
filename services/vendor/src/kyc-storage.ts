import { GetObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { createS3Client, expiresIn, presignUpload, type PresignedUpload } from "@market/kit/object-storage";
import { maxKycDocumentBytes } from "./domain/kyc-document.ts";
import type { Env } from "./env.ts";

export type { PresignedUpload };

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
  const s3 = createS3Client(env);
  return {
    presignUpload: (key, contentType) => presignUpload(s3, { bucket: env.KYC_BUCKET, key, contentType, maxBytes: maxKycDocumentBytes, seconds: uploadSeconds }),
    async presignDownload(key) {
      const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: env.KYC_BUCKET, Key: key }), { expiresIn: downloadSeconds });
      return { url, expiresAt: expiresIn(downloadSeconds) };
    },
  };
}

import { DeleteObjectCommand, HeadObjectCommand, PutBucketPolicyCommand, S3ServiceException } from "@aws-sdk/client-s3";
import { createS3Client, presignUpload, type PresignedUpload } from "@market/kit/object-storage";
import { maxMediaBytes, type MediaContentType } from "../domain/media.ts";
import type { Env } from "../env.ts";

/** Product images: vendors upload straight to object storage; customers read them from the CDN base URL. */
export interface MediaStorage {
  presignUpload(key: string, contentType: MediaContentType): Promise<PresignedUpload>;
  /** Whether the upload landed (a HEAD of the object). */
  exists(key: string): Promise<boolean>;
  remove(key: string): Promise<void>;
  urlOf(key: string): string;
}

const uploadSeconds = 10 * 60;

type StorageEnv = Pick<Env, "S3_ENDPOINT" | "S3_REGION" | "S3_ACCESS_KEY" | "S3_SECRET_KEY" | "MEDIA_BUCKET" | "MEDIA_CDN_BASE_URL">;

export function createMediaStorage(env: StorageEnv): MediaStorage {
  const s3 = createS3Client(env);
  const base = env.MEDIA_CDN_BASE_URL.replace(/\/+$/, "");
  return {
    presignUpload: (key, contentType) => presignUpload(s3, { bucket: env.MEDIA_BUCKET, key, contentType, maxBytes: maxMediaBytes, seconds: uploadSeconds }),
    async exists(key) {
      try {
        await s3.send(new HeadObjectCommand({ Bucket: env.MEDIA_BUCKET, Key: key }));
        return true;
      } catch (error) {
        if (error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 404 || error.name === "NotFound")) return false;
        throw error;
      }
    },
    async remove(key) {
      await s3.send(new DeleteObjectCommand({ Bucket: env.MEDIA_BUCKET, Key: key }));
    },
    urlOf: (key) => `${base}/${key}`,
  };
}

/**
 * Lets anyone read (only read) product images, as a CDN in front of the bucket would. Local
 * stacks have no CDN, so the service sets this on start when MEDIA_PUBLIC_READ is on;
 * production leaves it to the infrastructure that owns the bucket.
 */
export async function allowPublicMediaReads(env: StorageEnv): Promise<void> {
  const policy = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: ["*"] }, Action: ["s3:GetObject"], Resource: [`arn:aws:s3:::${env.MEDIA_BUCKET}/products/*`] }],
  };
  await createS3Client(env).send(new PutBucketPolicyCommand({ Bucket: env.MEDIA_BUCKET, Policy: JSON.stringify(policy) }));
}

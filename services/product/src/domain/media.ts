import { AppError } from "@market/kit";

/** Product images: what object storage accepts through the presigned POST policy. */
export const mediaContentTypes = ["image/jpeg", "image/png", "image/webp"] as const;
export type MediaContentType = (typeof mediaContentTypes)[number];
export const mediaStatuses = ["pending", "ready"] as const;

export const maxMediaBytes = 5 * 1024 * 1024;

const extensions: Record<MediaContentType, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

/** Where an image lives in the bucket: one key per media id, so a policy can pin it exactly. */
export const mediaKey = (productId: string, mediaId: string, type: MediaContentType) => `products/${productId}/${mediaId}.${extensions[type]}`;

/**
 * A new order must name each of the product's ready images exactly once: a missing, unknown
 * or repeated id would leave positions ambiguous. Returns the ids in their new order.
 */
export function checkMediaOrder(ready: readonly string[], requested: readonly string[]): string[] {
  const known = new Set(ready);
  const seen = new Set<string>();
  const errors: { field: string; reason: string }[] = [];
  requested.forEach((id, i) => {
    if (!known.has(id)) errors.push({ field: `mediaIds.${i}`, reason: "is not a ready image of this product" });
    else if (seen.has(id)) errors.push({ field: `mediaIds.${i}`, reason: "is repeated" });
    seen.add(id);
  });
  const missing = ready.filter((id) => !seen.has(id));
  if (missing.length > 0) errors.push({ field: "mediaIds", reason: `must include every ready image; missing ${missing.join(", ")}` });
  if (errors.length > 0) throw new AppError("validation_failed", "The new order must list each of the product's ready images once.", { errors });
  return [...requested];
}

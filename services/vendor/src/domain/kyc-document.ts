/** What a vendor may upload as proof of identity or business registration. */
export const kycContentTypes = ["application/pdf", "image/jpeg", "image/png"] as const;
export type KycContentType = (typeof kycContentTypes)[number];

export const maxKycDocumentBytes = 10 * 1024 * 1024;

/**
 * A file name made safe for an object key and a download header: path separators, control
 * characters and anything outside a conservative set become `_`, so a name can never climb
 * out of the vendor's prefix or smuggle a header.
 */
export function safeFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^[._]+/, "")
    .slice(-100);
  return cleaned || "document";
}

/** Every KYC object lives under its vendor's prefix; the document id keeps keys unique. */
export function kycObjectKey(vendorId: string, documentId: string, fileName: string): string {
  return `vendors/${vendorId}/kyc/${documentId}-${safeFileName(fileName)}`;
}

import { z } from "zod";
import { id } from "@market/contracts";
import { kycContentTypes, maxKycDocumentBytes } from "../../domain/kyc-document.ts";

export const kycUploadBody = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  contentType: z.enum(kycContentTypes),
  size: z.number().int().min(1).max(maxKycDocumentBytes, `must be at most ${maxKycDocumentBytes} bytes (10 MB)`),
});

export const kycDocumentParams = z.object({ id: id("vnd"), docId: id("kyc") });

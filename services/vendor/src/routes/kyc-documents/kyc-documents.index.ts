import { Hono } from "hono";
import type { AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { getKycDownloadUrl, listKycDocuments, requestKycUpload } from "./kyc-documents.handlers.ts";

export function kycDocumentsRouter(deps: Deps) {
  return new Hono<AppEnv>()
    .post("/me/kyc-documents", (c) => requestKycUpload(deps, c))
    .get("/:id/kyc-documents", (c) => listKycDocuments(deps, c))
    .get("/:id/kyc-documents/:docId/download-url", (c) => getKycDownloadUrl(deps, c));
}

import { and, asc, eq } from "drizzle-orm";
import { AppError, newId, ownedOr404, readJson, readParams, requireRole, requireUser, type AppContext } from "@market/kit";
import { kycDocuments, type KycDocument } from "../../db/schema.ts";
import { kycObjectKey } from "../../domain/kyc-document.ts";
import type { Deps } from "../../deps.ts";
import { findOwnVendor, findVendorById } from "../../vendors/find-vendor.ts";
import { vendorIdParams } from "../vendors/vendors.schemas.ts";
import { kycDocumentParams, kycUploadBody } from "./kyc-documents.schemas.ts";

const view = (d: KycDocument) => ({
  id: d.id,
  vendorId: d.vendorId,
  fileName: d.fileName,
  contentType: d.contentType,
  size: d.declaredSize,
  status: d.status,
  createdAt: d.createdAt.toISOString(),
});

/**
 * Records a document the vendor is about to upload and hands back a presigned POST whose
 * policy (type, size range, exact key, 5 minutes) the storage enforces on the upload itself.
 */
export async function requestKycUpload(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const body = await readJson(c, kycUploadBody);
  const vendor = await findOwnVendor(deps.db, user.id);
  const id = newId("kyc");
  const objectKey = kycObjectKey(vendor.id, id, body.fileName);
  const upload = await deps.kycStorage.presignUpload(objectKey, body.contentType);
  const [document] = await deps.db
    .insert(kycDocuments)
    .values({ id, vendorId: vendor.id, objectKey, fileName: body.fileName, contentType: body.contentType, declaredSize: body.size })
    .returning();
  return c.json({ document: view(document!), upload }, 201);
}

export async function listKycDocuments(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const { id } = readParams(c, vendorIdParams);
  const vendor = ownedOr404(await findVendorById(deps.db, id), (v) => v.ownerId === user.id, user, true);
  const rows = await deps.db.select().from(kycDocuments).where(eq(kycDocuments.vendorId, vendor.id)).orderBy(asc(kycDocuments.id));
  return c.json({ items: rows.map(view) });
}

/** Identity documents are read by admins only, through a link that expires within a minute. */
export async function getKycDownloadUrl(deps: Deps, c: AppContext) {
  requireRole(c, "admin");
  const { id, docId } = readParams(c, kycDocumentParams);
  const [document] = await deps.db.select().from(kycDocuments).where(and(eq(kycDocuments.id, docId), eq(kycDocuments.vendorId, id)));
  if (!document) throw new AppError("not_found", "No such KYC document.");
  return c.json({ document: view(document), download: await deps.kycStorage.presignDownload(document.objectKey) });
}

import { hiddenVendorsDocId } from "../elastic/index-layout.ts";
import { isHidden, type VendorVisibility } from "../domain/vendor-visibility.ts";
import type { Deps } from "../deps.ts";
import { modifyDocument } from "./modify-document.ts";

/**
 * Records a vendor event, then brings the hidden-vendors list (the document queries look up)
 * in line with the vendor's record. The second step runs on every delivery, so a crash
 * between the two writes is repaired by the redelivery.
 */
export async function modifyVendor(
  deps: Pick<Deps, "es" | "names">,
  vendorId: string,
  change: (current: VendorVisibility | undefined) => VendorVisibility | "unchanged",
): Promise<"applied" | "duplicate"> {
  const index = deps.names.vendors;
  const recorded = await modifyDocument<VendorVisibility>(deps.es, index, vendorId, change);
  if (recorded === "missing-index") throw new Error(`the vendors index ${index} is missing`);
  const { _source: vendor } = await deps.es.get<VendorVisibility>({ index, id: vendorId });
  const hidden = isHidden(vendor);
  const listed = await modifyDocument<{ vendorIds: string[] }>(deps.es, index, hiddenVendorsDocId, (current) => {
    const ids = new Set(current?.vendorIds ?? []);
    if (ids.has(vendorId) === hidden) return "unchanged";
    if (hidden) ids.add(vendorId);
    else ids.delete(vendorId);
    return { vendorIds: [...ids].sort() };
  });
  // Queries read the list through a realtime get, so the change shows at once.
  return recorded === "applied" || listed === "applied" ? "applied" : "duplicate";
}

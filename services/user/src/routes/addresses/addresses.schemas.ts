import { z } from "zod";
import { checkPostalCode, postalAddressFields } from "@market/contracts";

export const addressBody = z
  .strictObject({ ...postalAddressFields, label: z.string().trim().max(40).optional(), isDefault: z.boolean().default(false) })
  .superRefine(checkPostalCode);
export const addressParams = z.object({ addressId: z.string().regex(/^adr_[0-9a-z]{26}$/, "must be an address id") });

import { z } from "zod";
import { checkPostalCode, countryCode, id } from "@market/contracts";

const text = (max: number) => z.string().trim().min(1).max(max);

// The vendor's registered business address: no recipient line, unlike a shipping address.
const address = z
  .strictObject({
    line1: text(200),
    line2: z.string().trim().max(200).optional(),
    city: text(100),
    postalCode: text(16),
    country: countryCode,
  })
  .superRefine(checkPostalCode);

const contact = z.strictObject({
  email: z.email().max(254),
  phone: z.string().regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 number such as +4930123456").optional(),
});

const vendorApplication = {
  legalName: text(200),
  displayName: text(80),
  taxId: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9 ./-]{2,30}$/, "must be 3 to 31 letters, digits, spaces, dots, slashes or dashes"),
  address,
  contact,
  categories: z
    .array(text(60))
    .min(1)
    .max(20)
    .transform((names) => [...new Set(names)]),
};

export const createApplicationBody = z.strictObject(vendorApplication);

/** Each field replaces the stored one whole (an address is sent complete). */
export const editApplicationBody = z
  .strictObject(vendorApplication)
  .partial()
  .refine((body) => Object.keys(body).length > 0, "send at least one field to change");

export const vendorIdParams = z.object({ id: id("vnd") });

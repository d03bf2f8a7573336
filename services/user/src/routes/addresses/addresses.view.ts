import type { Address } from "../../db/schema.ts";

export const addressView = (a: Address) => ({
  id: a.id,
  label: a.label,
  recipient: a.recipient,
  line1: a.line1,
  line2: a.line2,
  city: a.city,
  region: a.region,
  postalCode: a.postalCode,
  country: a.country,
  phone: a.phone,
  isDefault: a.isDefault,
});

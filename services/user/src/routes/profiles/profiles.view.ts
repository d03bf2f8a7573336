import type { Address, Profile } from "../../db/schema.ts";
import { addressView } from "../addresses/addresses.view.ts";

export const profileView = (p: Profile) => ({
  id: p.id,
  email: p.email,
  displayName: p.displayName,
  phone: p.phone,
  locale: p.locale,
  preferredCurrency: p.preferredCurrency,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

/** What orders and carts need to know about a user. */
export const summaryView = (p: Profile, defaultAddress: Address | undefined) => ({
  id: p.id,
  email: p.email,
  displayName: p.displayName,
  locale: p.locale,
  preferredCurrency: p.preferredCurrency,
  defaultShippingAddress: defaultAddress ? addressView(defaultAddress) : null,
});

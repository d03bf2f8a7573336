import { eq } from "drizzle-orm";
import { AppError, type Database } from "@market/kit";
import { vendors, type Vendor } from "../db/schema.ts";

/** The caller's own application; a user without one is told how to start. */
export async function findOwnVendor(db: Database, ownerId: string): Promise<Vendor> {
  const [vendor] = await db.select().from(vendors).where(eq(vendors.ownerId, ownerId));
  if (!vendor) throw new AppError("not_found", "You have no vendor application yet; start one with POST /vendors.");
  return vendor;
}

export async function findVendorById(db: Database, id: string): Promise<Vendor | undefined> {
  const [vendor] = await db.select().from(vendors).where(eq(vendors.id, id));
  return vendor;
}

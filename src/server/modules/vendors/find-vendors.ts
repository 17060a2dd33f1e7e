import { and, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { VendorView } from "../../../contracts/vendors.ts";
import type { Executor } from "../../db/connection.ts";
import { vendors } from "./schema.ts";

export type Vendor = typeof vendors.$inferSelect;

export async function listVendors(db: Executor, cityId: string, options: { status?: Vendor["status"] } = {}): Promise<Vendor[]> {
  const conditions: SQL[] = [eq(vendors.cityId, cityId)];
  if (options.status) conditions.push(eq(vendors.status, options.status));
  return db
    .select()
    .from(vendors)
    .where(and(...conditions))
    .orderBy(desc(vendors.createdAt));
}

export async function findVendor(db: Executor, cityId: string, vendorId: string): Promise<Vendor | null> {
  const [found] = await db
    .select()
    .from(vendors)
    .where(and(eq(vendors.cityId, cityId), eq(vendors.id, vendorId)))
    .limit(1);
  return found ?? null;
}

export async function findVendorOfUser(db: Executor, cityId: string, userId: string): Promise<Vendor | null> {
  const [found] = await db
    .select()
    .from(vendors)
    .where(and(eq(vendors.cityId, cityId), eq(vendors.userId, userId)))
    .limit(1);
  return found ?? null;
}

/** Vendors' legal names by id, for naming the bidders of an auction once it has closed. */
export async function vendorLegalNames(db: Executor, cityId: string, vendorIds: string[]): Promise<Map<string, string>> {
  if (vendorIds.length === 0) return new Map();
  const rows = await db
    .select({ id: vendors.id, legalName: vendors.legalName })
    .from(vendors)
    .where(and(eq(vendors.cityId, cityId), inArray(vendors.id, vendorIds)));
  return new Map(rows.map((row) => [row.id, row.legalName]));
}

/** The full profile, personal data included: only for the vendor, DSO staff and city admins. */
export function presentVendor(vendor: Vendor): VendorView {
  return {
    id: vendor.id,
    legalName: vendor.legalName,
    smallBusiness: vendor.smallBusiness,
    taxFormOnFile: vendor.taxFormOnFile,
    paymentReference: vendor.paymentReference,
    status: vendor.status,
    reviewReason: vendor.reviewReason,
    verifiedAt: vendor.verifiedAt?.toISOString() ?? null,
    createdAt: vendor.createdAt.toISOString(),
  };
}

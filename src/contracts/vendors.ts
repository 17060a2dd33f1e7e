import { z } from "zod";
import { isoDateTime } from "./platform.ts";

/** Vendors: registration, the DSO's verification, and the vendor's own profile. */

export const vendorStatus = z.enum(["pending", "verified", "rejected"]);

export const vendorPath = z.object({ city: z.string(), vendorId: z.uuid() });

export const registerVendorRequest = z.object({
  legalName: z.string().trim().min(1).max(200),
  smallBusiness: z.boolean().default(false),
  taxFormOnFile: z.boolean().default(false),
  /** Where the city pays: an account or supplier reference in the city's accounts-payable system. */
  paymentReference: z.string().trim().min(1).max(200).nullable().optional(),
});

export const reviewVendorRequest = z.object({
  decision: z.enum(["verified", "rejected"]),
  /** Required when rejecting; the vendor reads it. */
  reason: z.string().trim().max(2000).optional(),
});

/** A vendor with its personal data: shown only to the vendor, DSO staff and city admins. */
export const vendor = z
  .object({
    id: z.uuid(),
    legalName: z.string(),
    smallBusiness: z.boolean(),
    taxFormOnFile: z.boolean(),
    paymentReference: z.string().nullable(),
    status: vendorStatus,
    reviewReason: z.string().nullable(),
    verifiedAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: "Vendor" });
export type VendorView = z.infer<typeof vendor>;

export const vendorList = z.object({ vendors: z.array(vendor) });
export const vendorListQuery = z.object({ status: vendorStatus.optional() });

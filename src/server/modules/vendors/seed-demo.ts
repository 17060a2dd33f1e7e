import type { Database } from "../../db/connection.ts";
import { vendors } from "./schema.ts";

/** The demo vendor, already verified by the DSO, so the bounty pages have someone to bid. Run again, it leaves what is there. */
export async function seedVendorDemo(db: Database, city: { id: string }, userIdByEmail: ReadonlyMap<string, string>): Promise<void> {
  const userId = userIdByEmail.get("vendor@springfield.example");
  if (!userId) return;
  await db
    .insert(vendors)
    .values({
      cityId: city.id,
      userId,
      legalName: "Riley Chen Software LLC",
      smallBusiness: true,
      taxFormOnFile: true,
      paymentReference: "AP-SUPPLIER-20418",
      status: "verified",
      verifiedBy: userIdByEmail.get("dso@springfield.example") ?? null,
      verifiedAt: new Date(),
    })
    .onConflictDoNothing({ target: [vendors.cityId, vendors.userId] });
}

import { eq } from "drizzle-orm";
import type { PersonalDataProvider } from "../../platform/personal-data/index.ts";
import { cities } from "../../platform/tenancy/index.ts";
import { vendors } from "./schema.ts";

/**
 * A person's vendor profiles. The city keeps a record of whom it paid, so on erasure the profile
 * stays, detached from the account and without the payment reference; the legal name stays only
 * because payments made to it must remain accountable.
 */
export const vendorPersonalData: PersonalDataProvider = {
  name: "vendorProfiles",
  async export(db, userId) {
    return db
      .select({
        city: cities.slug,
        legalName: vendors.legalName,
        smallBusiness: vendors.smallBusiness,
        taxFormOnFile: vendors.taxFormOnFile,
        paymentReference: vendors.paymentReference,
        status: vendors.status,
        reviewReason: vendors.reviewReason,
        verifiedAt: vendors.verifiedAt,
        createdAt: vendors.createdAt,
      })
      .from(vendors)
      .innerJoin(cities, eq(cities.id, vendors.cityId))
      .where(eq(vendors.userId, userId))
      .orderBy(vendors.createdAt);
  },
  async erase(tx, person) {
    await tx.update(vendors).set({ userId: null, paymentReference: null }).where(eq(vendors.userId, person.userId));
  },
};

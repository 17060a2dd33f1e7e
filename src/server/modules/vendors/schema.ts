import { sql } from "drizzle-orm";
import { boolean, check, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, updatedAtColumn } from "../../db/columns.ts";
import { users } from "../../platform/auth/schema.ts";
import { cities } from "../../platform/tenancy/schema.ts";

export const vendorStatusEnum = pgEnum("vendor_status", ["pending", "verified", "rejected"]);

/**
 * A person or business that may bid on the city's bounties once the DSO has verified it. The legal
 * name, tax form and payment reference are personal data: only DSO staff, city admins and the vendor see them.
 * The row outlives the account (payments made must stay on record), so the user link may become null.
 */
export const vendors = pgTable(
  "vendors",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    legalName: text("legal_name").notNull(),
    smallBusiness: boolean("small_business").notNull().default(false),
    taxFormOnFile: boolean("tax_form_on_file").notNull().default(false),
    paymentReference: text("payment_reference"),
    status: vendorStatusEnum("status").notNull().default("pending"),
    reviewReason: text("review_reason"),
    verifiedBy: uuid("verified_by").references(() => users.id, { onDelete: "set null" }),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    unique("vendors_city_user_unique").on(table.cityId, table.userId),
    check("vendors_rejected_has_reason", sql`${table.status} <> 'rejected' or length(trim(coalesce(${table.reviewReason}, ''))) > 0`),
  ],
);

import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { agencies } from "./schema.ts";

export type Agency = typeof agencies.$inferSelect;

export async function listAgencies(db: Executor, cityId: string): Promise<Agency[]> {
  return db.select().from(agencies).where(eq(agencies.cityId, cityId)).orderBy(agencies.name);
}

export async function findAgency(db: Executor, cityId: string, agencyId: string): Promise<Agency | null> {
  const [agency] = await db
    .select()
    .from(agencies)
    .where(and(eq(agencies.cityId, cityId), eq(agencies.id, agencyId)))
    .limit(1);
  return agency ?? null;
}

/** Agency names by id within one city, for labelling role grants. */
export async function agencyNamesById(db: Executor, cityId: string, agencyIds: string[]): Promise<Map<string, string>> {
  if (agencyIds.length === 0) return new Map();
  const rows = await db
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(and(eq(agencies.cityId, cityId), inArray(agencies.id, agencyIds)));
  return new Map(rows.map((row) => [row.id, row.name]));
}

export function presentAgency(agency: Agency) {
  return { id: agency.id, slug: agency.slug, name: agency.name, description: agency.description, contactEmail: agency.contactEmail };
}

import { asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { roleAssignments } from "../../platform/policy/index.ts";
import { cities } from "../../platform/tenancy/index.ts";
import { agencies } from "../agencies/index.ts";

/** Every city where the person holds a role, with the roles. */
export async function findMemberships(db: Executor, userId: string) {
  const rows = await db
    .select({ slug: cities.slug, cityName: cities.name, role: roleAssignments.role, agencyId: roleAssignments.agencyId, agencyName: agencies.name })
    .from(roleAssignments)
    .innerJoin(cities, eq(cities.id, roleAssignments.cityId))
    .leftJoin(agencies, eq(agencies.id, roleAssignments.agencyId))
    .where(eq(roleAssignments.userId, userId))
    .orderBy(asc(cities.name));
  const byCity = new Map<
    string,
    { city: { slug: string; name: string }; roles: { role: (typeof rows)[number]["role"]; agencyId: string | null; agencyName: string | null }[] }
  >();
  for (const row of rows) {
    const entry = byCity.get(row.slug) ?? { city: { slug: row.slug, name: row.cityName }, roles: [] };
    entry.roles.push({ role: row.role, agencyId: row.agencyId, agencyName: row.agencyName ?? null });
    byCity.set(row.slug, entry);
  }
  return [...byCity.values()];
}

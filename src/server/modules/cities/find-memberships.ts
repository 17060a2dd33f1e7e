import { asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { roleAssignments } from "../../platform/policy/index.ts";
import { cities } from "../../platform/tenancy/index.ts";
import { agencies } from "../agencies/index.ts";

/** Every city where the person holds a role or organizes a group, with the roles and the groups. */
export async function findMemberships(db: Executor, userId: string) {
  const rows = await db
    .select({ slug: cities.slug, cityName: cities.name, role: roleAssignments.role, agencyId: roleAssignments.agencyId, agencyName: agencies.name })
    .from(roleAssignments)
    .innerJoin(cities, eq(cities.id, roleAssignments.cityId))
    .leftJoin(agencies, eq(agencies.id, roleAssignments.agencyId))
    .where(eq(roleAssignments.userId, userId))
    .orderBy(asc(cities.name));
  // Read from the groups module's tables by name: organizing a group is not a city role.
  const organized = await db.execute<{ slug: string; city_name: string; group_id: string; group_slug: string; group_name: string }>(sql`
    select c.slug, c.name as city_name, g.id as group_id, g.slug as group_slug, g.name as group_name
    from group_members m join groups g on g.id = m.group_id join cities c on c.id = m.city_id
    where m.user_id = ${userId} and m.role = 'organizer' and m.status = 'active'
    order by c.name, g.name`);
  const byCity = new Map<
    string,
    {
      city: { slug: string; name: string };
      roles: { role: (typeof rows)[number]["role"]; agencyId: string | null; agencyName: string | null }[];
      organizes: { id: string; slug: string; name: string }[];
    }
  >();
  const entryOf = (slug: string, name: string) => {
    const entry = byCity.get(slug) ?? { city: { slug, name }, roles: [], organizes: [] };
    byCity.set(slug, entry);
    return entry;
  };
  for (const row of rows) entryOf(row.slug, row.cityName).roles.push({ role: row.role, agencyId: row.agencyId, agencyName: row.agencyName ?? null });
  for (const row of organized.rows) entryOf(row.slug, row.city_name).organizes.push({ id: row.group_id, slug: row.group_slug, name: row.group_name });
  return [...byCity.values()];
}

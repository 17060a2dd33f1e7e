import { sql } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";

/**
 * How many opportunities name a skill, cause or credential type. Opportunities keep these as plain
 * id arrays (no foreign key), so the taxonomy must ask before deleting one. A read-only count of the
 * opportunities module's table, written as SQL so that the two modules' schemas do not import each other.
 */
export async function opportunitiesNaming(db: Executor, cityId: string, kind: "skill" | "cause" | "credentialType", id: string): Promise<number> {
  const condition =
    kind === "skill"
      ? sql`${id}::uuid = any(required_skill_ids)`
      : kind === "cause"
        ? sql`cause_id = ${id}::uuid`
        : sql`${id}::uuid = any(required_credential_type_ids)`;
  const result = await db.execute<{ total: number }>(
    sql`select count(*)::int as total from opportunities where city_id = ${cityId} and status <> 'archived' and ${condition}`,
  );
  return result.rows[0]?.total ?? 0;
}

import { asc, eq, sql } from "drizzle-orm";
import type { GroupSummaryView } from "../../../contracts/groups.ts";
import type { Executor } from "../../db/connection.ts";
import { groups } from "./schema.ts";

/** The city's groups, by name, each with how many active members it has. */
export async function listGroups(db: Executor, cityId: string): Promise<GroupSummaryView[]> {
  return db
    .select({
      id: groups.id,
      slug: groups.slug,
      name: groups.name,
      description: groups.description,
      memberCount: sql<number>`(select count(*)::int from group_members m where m.group_id = "groups"."id" and m.status = 'active')`,
    })
    .from(groups)
    .where(eq(groups.cityId, cityId))
    .orderBy(asc(groups.name), asc(groups.id));
}

import { eq } from "drizzle-orm";
import type { PersonalDataProvider } from "../../platform/personal-data/index.ts";
import { cities } from "../../platform/tenancy/index.ts";
import { groupMembers, groups } from "./schema.ts";

/** The groups a person belongs to. Memberships go with the account (they hang on the user). */
export const groupPersonalData: PersonalDataProvider = {
  name: "groupMemberships",
  async export(db, userId) {
    return db
      .select({ city: cities.slug, group: groups.name, role: groupMembers.role, status: groupMembers.status, joinedAt: groupMembers.joinedAt })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .innerJoin(cities, eq(cities.id, groupMembers.cityId))
      .where(eq(groupMembers.userId, userId))
      .orderBy(cities.slug, groups.name);
  },
  async erase(tx, person) {
    await tx.delete(groupMembers).where(eq(groupMembers.userId, person.userId));
  },
};

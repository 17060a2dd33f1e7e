import { eq } from "drizzle-orm";
import type { PersonalDataProvider } from "../../platform/personal-data/index.ts";
import { cities } from "../../platform/tenancy/index.ts";
import { groupMembers, groups, projectRoles, projects, roleApplications } from "./schema.ts";

/** The groups a person belongs to and their applications to project roles; both go with the account. */
export const groupPersonalData: PersonalDataProvider = {
  name: "groupMemberships",
  async export(db, userId) {
    const memberships = await db
      .select({ city: cities.slug, group: groups.name, role: groupMembers.role, status: groupMembers.status, joinedAt: groupMembers.joinedAt })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .innerJoin(cities, eq(cities.id, groupMembers.cityId))
      .where(eq(groupMembers.userId, userId))
      .orderBy(cities.slug, groups.name);
    const applications = await db
      .select({
        city: cities.slug,
        project: projects.name,
        role: projectRoles.title,
        message: roleApplications.message,
        status: roleApplications.status,
        declineReason: roleApplications.declineReason,
        createdAt: roleApplications.createdAt,
        decidedAt: roleApplications.decidedAt,
      })
      .from(roleApplications)
      .innerJoin(projects, eq(projects.id, roleApplications.projectId))
      .innerJoin(projectRoles, eq(projectRoles.id, roleApplications.roleId))
      .innerJoin(cities, eq(cities.id, roleApplications.cityId))
      .where(eq(roleApplications.userId, userId))
      .orderBy(cities.slug, roleApplications.createdAt);
    return { memberships, applications };
  },
  async erase(tx, person) {
    await tx.delete(roleApplications).where(eq(roleApplications.userId, person.userId));
    await tx.delete(groupMembers).where(eq(groupMembers.userId, person.userId));
  },
};

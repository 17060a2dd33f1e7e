import { and, asc, eq, ne } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { users } from "../../platform/auth/index.ts";
import { roleAssignments } from "../../platform/policy/index.ts";
import { agencyNamesById } from "../agencies/index.ts";

/** Everyone who holds a role in the city other than volunteer, with their roles. */
export async function listStaff(db: Executor, cityId: string) {
  const rows = await db
    .select({
      assignmentId: roleAssignments.id,
      role: roleAssignments.role,
      agencyId: roleAssignments.agencyId,
      createdAt: roleAssignments.createdAt,
      userId: users.id,
      name: users.name,
      email: users.email,
    })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.cityId, cityId), ne(roleAssignments.role, "volunteer")))
    .orderBy(asc(users.name), asc(roleAssignments.createdAt));

  const agencyNames = await agencyNamesById(db, cityId, [...new Set(rows.map((row) => row.agencyId).filter((id): id is string => !!id))]);
  const members = new Map<
    string,
    {
      userId: string;
      name: string;
      email: string;
      roles: { id: string; role: (typeof rows)[number]["role"]; agencyId: string | null; agencyName: string | null; createdAt: string }[];
    }
  >();
  for (const row of rows) {
    const member = members.get(row.userId) ?? { userId: row.userId, name: row.name, email: row.email, roles: [] };
    member.roles.push({
      id: row.assignmentId,
      role: row.role,
      agencyId: row.agencyId,
      agencyName: row.agencyId ? (agencyNames.get(row.agencyId) ?? null) : null,
      createdAt: row.createdAt.toISOString(),
    });
    members.set(row.userId, member);
  }
  return [...members.values()];
}

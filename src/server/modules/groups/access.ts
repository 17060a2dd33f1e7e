import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import type { Actor } from "../../platform/auth/index.ts";
import { ForbiddenError, NotFoundError } from "../../platform/errors/index.ts";
import { can, loadMembership } from "../../platform/policy/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { groupMembers, groups } from "./schema.ts";

export type Group = typeof groups.$inferSelect;

/**
 * Where a person stands with a group: their place in it, and whether they manage it. The group's
 * active organizers manage it, and so do the city's admins and DSO staff, who oversee every group.
 */
export interface GroupAccess {
  status: "anonymous" | "none" | "pending" | "member" | "organizer";
  canManage: boolean;
}

export async function findGroupBySlug(db: Executor, cityId: string, slug: string): Promise<Group> {
  const [group] = await db
    .select()
    .from(groups)
    .where(and(eq(groups.cityId, cityId), eq(groups.slug, slug.toLowerCase())))
    .limit(1);
  if (!group) throw new NotFoundError("errors.groups.notFound");
  return group;
}

export async function findGroupById(db: Executor, cityId: string, groupId: string): Promise<Group> {
  const [group] = await db
    .select()
    .from(groups)
    .where(and(eq(groups.cityId, cityId), eq(groups.id, groupId)))
    .limit(1);
  if (!group) throw new NotFoundError("errors.groups.notFound");
  return group;
}

export async function groupAccessOf(db: Executor, city: City, actor: Actor | null, groupId: string): Promise<GroupAccess> {
  if (!actor) return { status: "anonymous", canManage: false };
  const [place] = await db
    .select({ role: groupMembers.role, status: groupMembers.status })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, actor.userId)))
    .limit(1);
  const status = !place ? "none" : place.status === "pending" ? "pending" : place.role === "organizer" ? "organizer" : "member";
  const oversees = can(await loadMembership(db, city.id, actor), "groups.oversee");
  return { status, canManage: status === "organizer" || oversees };
}

/** Throws 403 unless the person manages the group. */
export async function requireGroupManager(db: Executor, city: City, actor: Actor | null, groupId: string): Promise<GroupAccess> {
  const access = await groupAccessOf(db, city, actor, groupId);
  if (!access.canManage) throw new ForbiddenError("errors.groups.organizersOnly");
  return access;
}

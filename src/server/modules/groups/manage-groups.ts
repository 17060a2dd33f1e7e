import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import type { createGroupRequest, updateGroupRequest } from "../../../contracts/groups.ts";
import type { Executor, Transaction } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import type { Actor } from "../../platform/auth/index.ts";
import { users } from "../../platform/auth/index.ts";
import { ConflictError, NotFoundError, UnauthenticatedError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { authorize, type Membership } from "../../platform/policy/index.ts";
import { type Group, requireGroupManager } from "./access.ts";
import { groupMembers, groups } from "./schema.ts";

type Context = OperationContext & { actor: Actor };

function signedIn(ctx: OperationContext): Context {
  if (!ctx.actor) throw new UnauthenticatedError();
  return ctx as Context;
}

/** Starts a group; the person who starts it is its first organizer. */
export async function createGroup(ctx: OperationContext & { membership: Membership }, input: z.output<typeof createGroupRequest>): Promise<Group> {
  authorize(ctx.membership, "groups.create");
  const { actor } = signedIn(ctx);
  return ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(groups)
      .values({ ...input, cityId: ctx.city.id, createdBy: actor.userId })
      .onConflictDoNothing({ target: [groups.cityId, groups.slug] })
      .returning();
    if (!created) throw new ConflictError("errors.groups.slugTaken", { slug: input.slug }, [{ field: "slug", messageKey: "errors.groups.slugTaken" }]);
    await tx.insert(groupMembers).values({ cityId: ctx.city.id, groupId: created.id, userId: actor.userId, role: "organizer", status: "active" });
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor,
      action: "group.created",
      targetType: "group",
      targetId: created.id,
      after: created,
      requestId: ctx.requestId,
    });
    return created;
  });
}

export async function updateGroup(ctx: OperationContext, group: Group, input: z.output<typeof updateGroupRequest>): Promise<Group> {
  await requireGroupManager(ctx.db, ctx.city, ctx.actor, group.id);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(groups).where(eq(groups.id, group.id)).for("update");
    if (!before) throw new NotFoundError("errors.groups.notFound");
    const [after] = await tx
      .update(groups)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(groups.id, group.id))
      .returning();
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "group.updated",
      targetType: "group",
      targetId: group.id,
      before,
      after,
      requestId: ctx.requestId,
    });
    return after ?? before;
  });
}

/**
 * Asks to join: a member at once, or waiting for an organizer where the group approves its members.
 * Asking again changes nothing.
 */
export async function joinGroup(ctx: OperationContext, group: Group): Promise<{ status: "pending" | "member" | "organizer" }> {
  const { actor } = signedIn(ctx);
  return ctx.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(groupMembers)
      .values({ cityId: ctx.city.id, groupId: group.id, userId: actor.userId, role: "member", status: group.approvalRequired ? "pending" : "active" })
      .onConflictDoNothing({ target: [groupMembers.groupId, groupMembers.userId] })
      .returning();
    if (!inserted) {
      const [existing] = await tx
        .select()
        .from(groupMembers)
        .where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.userId, actor.userId)));
      return { status: existing?.status === "pending" ? "pending" : existing?.role === "organizer" ? "organizer" : "member" };
    }
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor,
      action: inserted.status === "pending" ? "group.join-requested" : "group.joined",
      targetType: "group",
      targetId: group.id,
      after: { userId: actor.userId, role: inserted.role, status: inserted.status },
      requestId: ctx.requestId,
    });
    return { status: inserted.status === "pending" ? "pending" : "member" };
  });
}

/** Locks the group and refuses to leave it without an active organizer. */
async function keepAnOrganizer(tx: Transaction, groupId: string, leavingUserId: string): Promise<void> {
  await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, groupId)).for("update");
  const [others] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(groupMembers)
    .where(
      and(eq(groupMembers.groupId, groupId), eq(groupMembers.role, "organizer"), eq(groupMembers.status, "active"), ne(groupMembers.userId, leavingUserId)),
    );
  if ((others?.count ?? 0) === 0) throw new ConflictError("errors.groups.lastOrganizer");
}

async function removePlace(ctx: OperationContext, group: Group, userId: string, action: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [place] = await tx
      .select()
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.userId, userId)))
      .for("update");
    if (!place) throw new NotFoundError("errors.groups.memberNotFound");
    if (place.role === "organizer" && place.status === "active") await keepAnOrganizer(tx, group.id, userId);
    await tx.delete(groupMembers).where(eq(groupMembers.id, place.id));
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action,
      targetType: "group",
      targetId: group.id,
      before: { userId, role: place.role, status: place.status },
      requestId: ctx.requestId,
    });
  });
}

/** Leaves the group (or withdraws a request to join); the last organizer cannot. */
export async function leaveGroup(ctx: OperationContext, group: Group): Promise<void> {
  const { actor } = signedIn(ctx);
  await removePlace(ctx, group, actor.userId, "group.left");
}

/** Organizers remove a member, or decline a request to join. */
export async function removeMember(ctx: OperationContext, group: Group, userId: string): Promise<void> {
  await requireGroupManager(ctx.db, ctx.city, ctx.actor, group.id);
  await removePlace(ctx, group, userId, "group.member-removed");
}

/** Organizers approve a request to join; declining one removes it. */
export async function decideMember(ctx: OperationContext, group: Group, userId: string, decision: "approve" | "decline"): Promise<void> {
  await requireGroupManager(ctx.db, ctx.city, ctx.actor, group.id);
  if (decision === "decline") return removePlace(ctx, group, userId, "group.join-declined");
  await ctx.db.transaction(async (tx) => {
    const [approved] = await tx
      .update(groupMembers)
      .set({ status: "active", joinedAt: new Date() })
      .where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.userId, userId), eq(groupMembers.status, "pending")))
      .returning();
    if (!approved) throw new NotFoundError("errors.groups.requestNotFound");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "group.join-approved",
      targetType: "group",
      targetId: group.id,
      before: { userId, status: "pending" },
      after: { userId, status: "active" },
      requestId: ctx.requestId,
    });
  });
}

/** Organizers make an active member an organizer, or an organizer a member again (never the last one). */
export async function setMemberRole(ctx: OperationContext, group: Group, userId: string, role: "member" | "organizer"): Promise<void> {
  await requireGroupManager(ctx.db, ctx.city, ctx.actor, group.id);
  await ctx.db.transaction(async (tx) => {
    const [place] = await tx
      .select()
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.userId, userId), eq(groupMembers.status, "active")))
      .for("update");
    if (!place) throw new NotFoundError("errors.groups.memberNotFound");
    if (place.role === role) return;
    if (role === "member") await keepAnOrganizer(tx, group.id, userId);
    await tx.update(groupMembers).set({ role }).where(eq(groupMembers.id, place.id));
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "group.member-role-changed",
      targetType: "group",
      targetId: group.id,
      before: { userId, role: place.role },
      after: { userId, role },
      requestId: ctx.requestId,
    });
  });
}

/** Members and requests to join, with contact details: for the group's organizers and the city's overseers. */
export async function listMembers(db: Executor, group: Group) {
  const rows = await db
    .select({
      userId: groupMembers.userId,
      name: users.name,
      email: users.email,
      role: groupMembers.role,
      status: groupMembers.status,
      joinedAt: groupMembers.joinedAt,
    })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groupMembers.groupId, group.id))
    .orderBy(sql`${groupMembers.status} = 'active'`, sql`${groupMembers.role} = 'member'`, asc(users.name));
  return rows.map((row) => ({ ...row, joinedAt: row.joinedAt.toISOString() }));
}

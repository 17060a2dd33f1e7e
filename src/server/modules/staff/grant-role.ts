import { and, eq } from "drizzle-orm";
import type { CityRoleName } from "../../../contracts/platform.ts";
import type { Executor } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import type { Actor } from "../../platform/auth/index.ts";
import { users } from "../../platform/auth/index.ts";
import { InvalidInputError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { roleAssignments } from "../../platform/policy/index.ts";
import { findAgency } from "../agencies/index.ts";

export interface GrantRoleInput {
  userId: string;
  role: CityRoleName;
  agencyId?: string | null;
}

/** Gives a person a role in the city. Granting a role they already hold changes nothing. */
export async function grantRole(ctx: OperationContext, input: GrantRoleInput) {
  return ctx.db.transaction((tx) => grantRoleIn(tx, ctx.city.id, ctx.actor, ctx.requestId, input));
}

export async function grantRoleIn(tx: Executor, cityId: string, actor: Actor | null, requestId: string | null, input: GrantRoleInput) {
  const agencyId = input.role === "agency_staff" ? (input.agencyId ?? null) : null;
  if (input.role === "agency_staff" && !agencyId) throw new InvalidInputError([{ field: "agencyId", messageKey: "errors.staff.agencyRequired" }]);
  if (agencyId && !(await findAgency(tx, cityId, agencyId))) {
    throw new InvalidInputError([{ field: "agencyId", messageKey: "errors.agencies.notFound" }]);
  }
  const [user] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, input.userId)).limit(1);
  if (!user) throw new NotFoundError("errors.staff.userNotFound");

  const [created] = await tx
    .insert(roleAssignments)
    .values({ cityId, userId: user.id, role: input.role, agencyId })
    .onConflictDoNothing({ target: [roleAssignments.cityId, roleAssignments.userId, roleAssignments.role, roleAssignments.agencyId] })
    .returning();
  if (created) {
    await recordAudit(tx, {
      cityId,
      actor,
      action: "role.granted",
      targetType: "user",
      targetId: user.id,
      after: { email: user.email, role: input.role, agencyId },
      requestId,
    });
    return created;
  }
  const [existing] = await tx
    .select()
    .from(roleAssignments)
    .where(and(eq(roleAssignments.cityId, cityId), eq(roleAssignments.userId, user.id), eq(roleAssignments.role, input.role)));
  if (!existing) throw new Error("role assignment vanished");
  return existing;
}

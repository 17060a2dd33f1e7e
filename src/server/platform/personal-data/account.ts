import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import { auditEvents, recordAudit } from "../audit/index.ts";
import { type Actor, users } from "../auth/index.ts";
import { ConflictError } from "../errors/index.ts";
import { outboxMessages } from "../mail/index.ts";
import { roleAssignments } from "../policy/index.ts";
import { cities } from "../tenancy/index.ts";
import type { PersonalDataRegistry } from "./index.ts";

/** Everything Civitas keeps about the signed-in person, as one JSON document. */
export async function exportPersonalData(db: Database, registry: PersonalDataRegistry, actor: Actor) {
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, emailVerified: users.emailVerified, locale: users.locale, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, actor.userId));
  const roles = await db
    .select({ city: cities.slug, role: roleAssignments.role, agencyId: roleAssignments.agencyId, since: roleAssignments.createdAt })
    .from(roleAssignments)
    .innerJoin(cities, eq(cities.id, roleAssignments.cityId))
    .where(eq(roleAssignments.userId, actor.userId));
  const sections: Record<string, unknown> = {};
  for (const provider of registry.list()) sections[provider.name] = await provider.export(db, actor.userId);
  return { exportedAt: new Date().toISOString(), account: user ?? null, roles, ...sections };
}

/**
 * Deletes the account: every module erases or anonymises what it holds, the audit trail keeps its
 * entries without the person's address, their mail is removed, and the account row goes last.
 */
export async function eraseAccount(db: Database, registry: PersonalDataRegistry, actor: Actor, requestId: string | null): Promise<void> {
  const afterCommit: (() => Promise<void>)[] = [];
  await db.transaction(async (tx) => {
    // A city is never left without a city admin.
    const adminOf = await tx
      .select({ cityId: roleAssignments.cityId, name: cities.name })
      .from(roleAssignments)
      .innerJoin(cities, eq(cities.id, roleAssignments.cityId))
      .where(and(eq(roleAssignments.userId, actor.userId), eq(roleAssignments.role, "city_admin")));
    for (const city of adminOf) {
      const admins = await tx
        .select({ userId: roleAssignments.userId })
        .from(roleAssignments)
        .where(and(eq(roleAssignments.cityId, city.cityId), eq(roleAssignments.role, "city_admin")))
        .for("update");
      if (admins.length <= 1) throw new ConflictError("errors.account.lastAdmin", { city: city.name });
    }
    for (const provider of registry.list()) await provider.erase(tx, actor, { requestId, afterCommit: (task) => afterCommit.push(task) });

    const cityIds = (await tx.select({ cityId: roleAssignments.cityId }).from(roleAssignments).where(eq(roleAssignments.userId, actor.userId))).map(
      (row) => row.cityId,
    );
    await tx.update(auditEvents).set({ actorLabel: "erased account" }).where(eq(auditEvents.actorUserId, actor.userId));
    await tx
      .update(auditEvents)
      .set({ before: sql`null`, after: sql`null` })
      .where(and(eq(auditEvents.targetType, "user"), eq(auditEvents.targetId, actor.userId)));
    await tx.delete(outboxMessages).where(eq(outboxMessages.recipient, actor.email.toLowerCase()));
    for (const cityId of new Set(cityIds)) {
      await recordAudit(tx, { cityId, actor: null, action: "account.erased", targetType: "user", targetId: actor.userId, requestId });
    }
    if (cityIds.length > 0) await tx.delete(roleAssignments).where(and(eq(roleAssignments.userId, actor.userId), inArray(roleAssignments.cityId, cityIds)));
    await tx.delete(users).where(eq(users.id, actor.userId));
  });
  for (const task of afterCommit) await task();
}

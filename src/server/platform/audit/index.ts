import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import type { Actor } from "../auth/index.ts";
import { auditEvents } from "./schema.ts";

/**
 * The audit trail of privileged actions. Operations record in the same transaction as the change,
 * so a change without its audit row cannot exist.
 */

export { auditEvents };

export interface AuditEntry {
  cityId: string | null;
  actor: Actor | null;
  /** What happened, as `noun.verb`: `agency.created`, `role.granted`. */
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    cityId: entry.cityId,
    actorUserId: entry.actor?.userId ?? null,
    actorLabel: entry.actor ? entry.actor.email : "system",
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    before: entry.before === undefined ? null : toJson(entry.before),
    after: entry.after === undefined ? null : toJson(entry.after),
    requestId: entry.requestId ?? null,
  });
}

export async function listAuditEvents(db: Executor, cityId: string, options: { before?: Date; limit: number; action?: string }) {
  const conditions: SQL[] = [eq(auditEvents.cityId, cityId)];
  if (options.before) conditions.push(lt(auditEvents.createdAt, options.before));
  if (options.action) conditions.push(eq(auditEvents.action, options.action));
  return db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(options.limit);
}

function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null));
}

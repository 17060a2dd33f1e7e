import { eq } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { shiftSettings } from "./schema.ts";

export const defaultShiftSettings = { firstReminderHours: 24, secondReminderHours: 2 };

export async function readShiftSettings(db: Database, cityId: string) {
  const [row] = await db.select().from(shiftSettings).where(eq(shiftSettings.cityId, cityId));
  return row ? { firstReminderHours: row.firstReminderHours, secondReminderHours: row.secondReminderHours } : defaultShiftSettings;
}

export async function saveShiftSettings(ctx: OperationContext, input: { firstReminderHours: number; secondReminderHours: number }) {
  return ctx.db.transaction(async (tx) => {
    const before = await readShiftSettings(ctx.db, ctx.city.id);
    await tx
      .insert(shiftSettings)
      .values({ cityId: ctx.city.id, ...input })
      .onConflictDoUpdate({ target: shiftSettings.cityId, set: input });
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "shift-settings.updated",
      targetType: "city",
      targetId: ctx.city.id,
      before,
      after: input,
      requestId: ctx.requestId,
    });
    return input;
  });
}

import { and, asc, eq, gte } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, NotFoundError } from "../../platform/errors/index.ts";
import { isUniqueViolation, type OperationContext } from "../../platform/operation.ts";
import { cityHolidays } from "./schema.ts";

/**
 * The city's holiday calendar: days that do not count when delivery deadlines are counted in
 * business days (business-days.ts). One entry per day.
 */

export type CityHoliday = typeof cityHolidays.$inferSelect;

export function presentHoliday(holiday: CityHoliday) {
  return { id: holiday.id, day: holiday.day, name: holiday.name };
}

export async function listCityHolidays(db: Executor, cityId: string, from?: string): Promise<CityHoliday[]> {
  const conditions = [eq(cityHolidays.cityId, cityId)];
  if (from) conditions.push(gte(cityHolidays.day, from));
  return db
    .select()
    .from(cityHolidays)
    .where(and(...conditions))
    .orderBy(asc(cityHolidays.day));
}

export async function addCityHoliday(ctx: OperationContext, input: { day: string; name: string }): Promise<CityHoliday> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const [created] = await tx.insert(cityHolidays).values({ cityId: ctx.city.id, day: input.day, name: input.name }).returning();
      if (!created) throw new Error("insert returned no row");
      await recordAudit(tx, {
        cityId: ctx.city.id,
        actor: ctx.actor,
        action: "city-holiday.added",
        targetType: "city_holiday",
        targetId: created.id,
        after: presentHoliday(created),
        requestId: ctx.requestId,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error, "city_holidays_city_day_unique")) {
      throw new ConflictError("errors.bountySettings.holidayExists", { day: input.day }, [
        { field: "day", messageKey: "errors.bountySettings.holidayExists", params: { day: input.day } },
      ]);
    }
    throw error;
  }
}

export async function removeCityHoliday(ctx: OperationContext, holidayId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(cityHolidays)
      .where(and(eq(cityHolidays.cityId, ctx.city.id), eq(cityHolidays.id, holidayId)))
      .returning();
    if (!removed) throw new NotFoundError("errors.bountySettings.holidayNotFound");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "city-holiday.removed",
      targetType: "city_holiday",
      targetId: removed.id,
      before: presentHoliday(removed),
      requestId: ctx.requestId,
    });
  });
}

import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { updateCityRequest } from "../../../contracts/cities.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { InvalidInputError, NotFoundError } from "../../platform/errors/index.ts";
import { isSupportedLocale } from "../../platform/i18n/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { cities } from "../../platform/tenancy/index.ts";

export type UpdateCityInput = z.output<typeof updateCityRequest>;

export async function updateCity(ctx: OperationContext, input: UpdateCityInput) {
  if (input.defaultLocale !== undefined && !isSupportedLocale(input.defaultLocale)) {
    throw new InvalidInputError([{ field: "defaultLocale", messageKey: "errors.field.locale" }]);
  }
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(cities).where(eq(cities.id, ctx.city.id)).for("update");
    if (!before) throw new NotFoundError("errors.cityNotFound", { city: ctx.city.slug });
    const [after] = await tx.update(cities).set(input).where(eq(cities.id, ctx.city.id)).returning();
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "city.updated",
      targetType: "city",
      targetId: ctx.city.id,
      before,
      after,
      requestId: ctx.requestId,
    });
    return after ?? before;
  });
}

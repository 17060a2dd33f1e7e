import type { z } from "zod";
import type { createCityRequest } from "../../../contracts/cities.ts";
import type { Database } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import type { Actor } from "../../platform/auth/index.ts";
import { ConflictError, InvalidInputError } from "../../platform/errors/index.ts";
import { isSupportedLocale } from "../../platform/i18n/index.ts";
import { isUniqueViolation } from "../../platform/operation.ts";
import { cities } from "../../platform/tenancy/index.ts";

export type CreateCityInput = z.output<typeof createCityRequest>;

/** Adds a city (a tenant) to this deployment. Platform admins and the CLI do this. */
export async function createCity(db: Database, actor: Actor | null, input: CreateCityInput, requestId: string | null = null) {
  if (!isSupportedLocale(input.defaultLocale)) {
    throw new InvalidInputError([{ field: "defaultLocale", messageKey: "errors.field.locale" }]);
  }
  try {
    return await db.transaction(async (tx) => {
      const [city] = await tx.insert(cities).values(input).returning();
      if (!city) throw new Error("insert returned no row");
      await recordAudit(tx, { cityId: city.id, actor, action: "city.created", targetType: "city", targetId: city.id, after: city, requestId });
      return city;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError("errors.cities.slugTaken", { slug: input.slug }, [
        { field: "slug", messageKey: "errors.cities.slugTaken", params: { slug: input.slug } },
      ]);
    }
    throw error;
  }
}

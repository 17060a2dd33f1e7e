import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { causes, credentialTypes, type LocalizedNames, skills } from "../volunteers/schema.ts";

/**
 * Names of skills, causes and credential types in the reader's language, for presenting an
 * opportunity. A read-only lookup of the volunteers module's taxonomy, kept to one query per kind.
 */

export function localizedName(names: LocalizedNames, locale: string): string {
  return names[locale] ?? names.en ?? Object.values(names)[0] ?? "";
}

export interface TaxonomyLabels {
  skills: Map<string, string>;
  causes: Map<string, string>;
  credentials: Map<string, string>;
}

export async function taxonomyLabels(
  db: Executor,
  cityId: string,
  ids: { skills: string[]; causes: string[]; credentials: string[] },
  locale: string,
): Promise<TaxonomyLabels> {
  const [skillRows, causeRows, credentialRows] = await Promise.all([
    ids.skills.length
      ? db
          .select({ id: skills.id, names: skills.names })
          .from(skills)
          .where(and(eq(skills.cityId, cityId), inArray(skills.id, ids.skills)))
      : [],
    ids.causes.length
      ? db
          .select({ id: causes.id, names: causes.names })
          .from(causes)
          .where(and(eq(causes.cityId, cityId), inArray(causes.id, ids.causes)))
      : [],
    ids.credentials.length
      ? db
          .select({ id: credentialTypes.id, names: credentialTypes.names })
          .from(credentialTypes)
          .where(and(eq(credentialTypes.cityId, cityId), inArray(credentialTypes.id, ids.credentials)))
      : [],
  ]);
  const toMap = (rows: { id: string; names: LocalizedNames }[]) => new Map(rows.map((row) => [row.id, localizedName(row.names, locale)]));
  return { skills: toMap(skillRows), causes: toMap(causeRows), credentials: toMap(credentialRows) };
}

/** Which of the given ids are not a skill / cause / credential type of this city. */
export async function unknownTaxonomyIds(db: Executor, cityId: string, ids: { skills: string[]; causes: string[]; credentials: string[] }) {
  const labels = await taxonomyLabels(db, cityId, ids, "en");
  return {
    skills: ids.skills.filter((id) => !labels.skills.has(id)),
    causes: ids.causes.filter((id) => !labels.causes.has(id)),
    credentials: ids.credentials.filter((id) => !labels.credentials.has(id)),
  };
}

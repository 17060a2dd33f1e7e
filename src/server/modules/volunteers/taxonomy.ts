import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { ConflictError, InvalidInputError } from "../../platform/errors/index.ts";
import { fallbackLocale, supportedLocales } from "../../platform/i18n/index.ts";
import { causes, credentialTypes, type LocalizedNames, skills } from "./schema.ts";

/** Reading the city's taxonomy (skills tree, causes, credential types) and the rules its names follow. */

export type Skill = typeof skills.$inferSelect;
export type Cause = typeof causes.$inferSelect;
export type CredentialType = typeof credentialTypes.$inferSelect;

/** The name in the reader's language, else English, else the first one written. */
export function localizedName(names: LocalizedNames, locale: string): string {
  return names[locale] ?? names[fallbackLocale] ?? Object.values(names)[0] ?? "";
}

/** Names may only be written in the languages this deployment speaks. */
export function checkNameLanguages(names: LocalizedNames | undefined): void {
  if (!names) return;
  const unknown = Object.keys(names).filter((locale) => !supportedLocales.includes(locale));
  if (unknown.length > 0) {
    throw new InvalidInputError(
      unknown.map((locale) => ({
        field: `names.${locale}`,
        messageKey: "errors.volunteers.nameLanguage",
        params: { languages: supportedLocales.join(", ") },
      })),
    );
  }
}

export function slugTaken(slug: string | undefined): ConflictError {
  return new ConflictError("errors.volunteers.slugTaken", { slug }, [{ field: "slug", messageKey: "errors.volunteers.slugTaken", params: { slug } }]);
}

/** Skills of the city in the order the tree reads: depth first, siblings by position. */
export async function listSkills(db: Executor, cityId: string): Promise<(Skill & { depth: number })[]> {
  const rows = await db.select().from(skills).where(eq(skills.cityId, cityId)).orderBy(asc(skills.position), asc(skills.createdAt), asc(skills.id));
  return inTreeOrder(rows);
}

export function inTreeOrder<T extends { id: string; parentId: string | null }>(rows: T[]): (T & { depth: number })[] {
  const childrenOf = new Map<string | null, T[]>();
  const ids = new Set(rows.map((row) => row.id));
  for (const row of rows) {
    // A parent outside the list would orphan its subtree; show such skills at the top instead.
    const parent = row.parentId && ids.has(row.parentId) ? row.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), row]);
  }
  const ordered: (T & { depth: number })[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const child of childrenOf.get(parent) ?? []) {
      ordered.push({ ...child, depth });
      visit(child.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

/** The skill and every skill below it. */
export function descendantsOf(all: { id: string; parentId: string | null }[], skillId: string): Set<string> {
  const found = new Set([skillId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const item of all) {
      if (item.parentId && found.has(item.parentId) && !found.has(item.id)) {
        found.add(item.id);
        grew = true;
      }
    }
  }
  return found;
}

export async function findSkill(db: Executor, cityId: string, skillId: string): Promise<Skill | null> {
  const [row] = await db
    .select()
    .from(skills)
    .where(and(eq(skills.cityId, cityId), eq(skills.id, skillId)))
    .limit(1);
  return row ?? null;
}

export async function listCauses(db: Executor, cityId: string): Promise<Cause[]> {
  return db.select().from(causes).where(eq(causes.cityId, cityId)).orderBy(asc(causes.slug));
}

export async function findCause(db: Executor, cityId: string, causeId: string): Promise<Cause | null> {
  const [row] = await db
    .select()
    .from(causes)
    .where(and(eq(causes.cityId, cityId), eq(causes.id, causeId)))
    .limit(1);
  return row ?? null;
}

export async function listCredentialTypes(db: Executor, cityId: string): Promise<CredentialType[]> {
  return db.select().from(credentialTypes).where(eq(credentialTypes.cityId, cityId)).orderBy(asc(credentialTypes.slug));
}

export async function findCredentialType(db: Executor, cityId: string, credentialTypeId: string): Promise<CredentialType | null> {
  const [row] = await db
    .select()
    .from(credentialTypes)
    .where(and(eq(credentialTypes.cityId, cityId), eq(credentialTypes.id, credentialTypeId)))
    .limit(1);
  return row ?? null;
}

export function presentSkill(row: Skill & { depth: number }, locale: string) {
  return {
    id: row.id,
    slug: row.slug,
    name: localizedName(row.names, locale),
    names: row.names,
    parentId: row.parentId,
    position: row.position,
    depth: row.depth,
  };
}

export function presentCause(row: Cause, locale: string) {
  return { id: row.id, slug: row.slug, name: localizedName(row.names, locale), names: row.names };
}

export function presentCredentialType(row: CredentialType, locale: string) {
  return { id: row.id, slug: row.slug, name: localizedName(row.names, locale), names: row.names, validityMonths: row.validityMonths };
}

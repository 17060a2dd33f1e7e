import { and, eq, inArray } from "drizzle-orm";
import {
  importColumns,
  importEmail,
  importMaxBytes,
  importMaxRows,
  isPhoneNumber,
  isVolunteerLanguage,
  requiredImportColumns,
} from "../../../contracts/volunteers.ts";
import { newId } from "../../db/columns.ts";
import type { Executor } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { users } from "../../platform/auth/index.ts";
import { DomainError, InvalidInputError, type RowProblem, RowsRejectedError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { roleAssignments } from "../../platform/policy/index.ts";
import { newCalendarToken } from "./ensure-volunteer-profile.ts";
import { CsvSyntaxError, isBlankRecord, parseCsv } from "./parse-csv.ts";
import { skills, volunteerProfiles } from "./schema.ts";

/**
 * CSV import of an existing volunteer list. Every row is checked first; one bad row and nothing is
 * imported, and the answer lists every problem by line and column. A clean file creates the missing
 * accounts (no password: they sign in by emailed link), profiles and volunteer roles in one
 * transaction. For people already on file the import adds what it knows: languages and skills join
 * theirs, a phone, neighbourhood or consent given in the file replaces theirs, names are kept.
 */

export type ImportColumn = (typeof importColumns)[number];

export interface ImportInput {
  csv: string;
  dryRun: boolean;
}

interface ImportRow {
  line: number;
  name: string;
  email: string;
  phone: string | null;
  languages: string[];
  skillIds: string[];
  neighbourhood: string | null;
  consentEmail: boolean | null;
}

const yes = new Set(["yes", "y", "true", "1", "x", "sí", "si"]);
const no = new Set(["no", "n", "false", "0", ""]);
const chunkSize = 1000;

function columnKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

function listOf(cell: string, lowerCase = true): string[] {
  const items = cell
    .split(/[;,\r\n]+/)
    .map((item) => item.trim())
    .filter(Boolean);
  return [...new Set(lowerCase ? items.map((item) => item.toLowerCase()) : items)];
}

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += chunkSize) result.push(items.slice(start, start + chunkSize));
  return result;
}

/** Reads and checks the whole file; throws with every problem found, or returns the rows. */
export async function readImportFile(db: Executor, cityId: string, csv: string): Promise<ImportRow[]> {
  if (Buffer.byteLength(csv, "utf8") > importMaxBytes) {
    throw new DomainError(413, "payload-too-large", "errors.volunteers.import.tooLarge", { megabytes: importMaxBytes / 1024 / 1024 });
  }
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(csv).filter((record) => !isBlankRecord(record));
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new RowsRejectedError([{ row: error.line, field: "file", messageKey: `errors.volunteers.import.${error.reason}` }]);
    throw error;
  }
  const [header, ...data] = records;
  if (!header || data.length === 0) throw new InvalidInputError([{ field: "csv", messageKey: "errors.volunteers.import.noRows" }]);
  if (data.length > importMaxRows) {
    throw new DomainError(413, "payload-too-large", "errors.volunteers.import.tooManyRows", { count: data.length, max: importMaxRows });
  }

  // The header: known columns in any order and case, each once, the required ones present.
  const issues: RowProblem[] = [];
  const columnAt = new Map<ImportColumn, number>();
  header.cells.forEach((cell, index) => {
    const key = columnKey(cell);
    if (key === "" && data.every((record) => (record.cells[index] ?? "").trim() === "")) return;
    if (!(importColumns as readonly string[]).includes(key)) {
      issues.push({
        row: header.line,
        field: cell.trim(),
        messageKey: "errors.volunteers.import.unknownColumn",
        params: { column: cell.trim(), columns: importColumns.join(", ") },
      });
    } else if (columnAt.has(key as ImportColumn)) {
      issues.push({ row: header.line, field: key, messageKey: "errors.volunteers.import.duplicateColumn", params: { column: key } });
    } else {
      columnAt.set(key as ImportColumn, index);
    }
  });
  for (const column of requiredImportColumns) {
    if (!columnAt.has(column)) issues.push({ row: header.line, field: column, messageKey: "errors.volunteers.import.missingColumn", params: { column } });
  }
  if (issues.length > 0) throw new RowsRejectedError(issues);

  const skillIdBySlug = new Map(
    (await db.select({ id: skills.id, slug: skills.slug }).from(skills).where(eq(skills.cityId, cityId))).map((skill) => [skill.slug, skill.id]),
  );
  const firstLineOf = new Map<string, number>();
  const rows: ImportRow[] = [];
  for (const record of data) {
    const cell = (column: ImportColumn) => {
      const index = columnAt.get(column);
      return index === undefined ? "" : (record.cells[index] ?? "").trim();
    };
    const problem = (field: string, messageKey: string, params?: Record<string, unknown>) => issues.push({ row: record.line, field, messageKey, params });
    const before = issues.length;

    if (record.cells.length > header.cells.length) {
      problem("row", "errors.volunteers.import.extraCells", { count: record.cells.length, expected: header.cells.length });
    }
    const name = cell("name");
    if (!name) problem("name", "errors.field.required");
    else if (name.length > 120) problem("name", "errors.field.tooLong", { count: 120 });

    const email = cell("email").toLowerCase();
    if (!email) problem("email", "errors.field.required");
    else if (email.length > 254 || !importEmail.safeParse(email).success) problem("email", "errors.field.email");
    else if (firstLineOf.has(email)) problem("email", "errors.volunteers.import.duplicateEmail", { email, line: firstLineOf.get(email) });
    else firstLineOf.set(email, record.line);

    const phone = cell("phone") || null;
    if (phone && (phone.length > 30 || !isPhoneNumber(phone))) problem("phone", "errors.volunteers.phone");

    const languages = listOf(cell("languages"));
    const unknownLanguages = languages.filter((code) => !isVolunteerLanguage(code));
    if (unknownLanguages.length > 0) problem("languages", "errors.volunteers.import.unknownLanguages", { codes: unknownLanguages.join(", ") });

    const skillSlugs = listOf(cell("skills"));
    const unknownSkills = skillSlugs.filter((slug) => !skillIdBySlug.has(slug));
    if (unknownSkills.length > 0) problem("skills", "errors.volunteers.import.unknownSkills", { slugs: unknownSkills.join(", "), count: unknownSkills.length });

    const neighbourhood = cell("neighbourhood") || null;
    if (neighbourhood && neighbourhood.length > 120) problem("neighbourhood", "errors.field.tooLong", { count: 120 });

    const consentCell = cell("consent_email").toLowerCase();
    if (!yes.has(consentCell) && !no.has(consentCell)) problem("consent_email", "errors.volunteers.import.yesOrNo");

    if (issues.length === before) {
      rows.push({
        line: record.line,
        name,
        email,
        phone,
        languages,
        skillIds: skillSlugs.map((slug) => skillIdBySlug.get(slug) as string),
        neighbourhood,
        // An empty cell says nothing, so the person's own choice stays.
        consentEmail: consentCell === "" ? null : yes.has(consentCell),
      });
    }
  }
  if (issues.length > 0) throw new RowsRejectedError(issues);
  return rows;
}

async function existingPeople(db: Executor, cityId: string, emails: string[]) {
  const userIdByEmail = new Map<string, string>();
  for (const part of chunks(emails)) {
    for (const user of await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, part))) {
      userIdByEmail.set(user.email, user.id);
    }
  }
  const profiled = new Set<string>();
  for (const part of chunks([...userIdByEmail.values()])) {
    const found = await db
      .select({ userId: volunteerProfiles.userId })
      .from(volunteerProfiles)
      .where(and(eq(volunteerProfiles.cityId, cityId), inArray(volunteerProfiles.userId, part)));
    for (const row of found) if (row.userId) profiled.add(row.userId);
  }
  return { userIdByEmail, profiled };
}

export async function importVolunteers(ctx: OperationContext, input: ImportInput) {
  const rows = await readImportFile(ctx.db, ctx.city.id, input.csv);
  if (input.dryRun) {
    const { userIdByEmail, profiled } = await existingPeople(
      ctx.db,
      ctx.city.id,
      rows.map((row) => row.email),
    );
    const updated = rows.filter((row) => profiled.has(userIdByEmail.get(row.email) ?? "")).length;
    return { dryRun: true, created: rows.length - updated, updated, total: rows.length };
  }

  return ctx.db.transaction(async (tx) => {
    // Accounts: created for new addresses, as an operator would (the city vouches for its list).
    let accountsCreated = 0;
    for (const part of chunks(rows)) {
      const inserted = await tx
        .insert(users)
        .values(part.map((row) => ({ id: newId(), name: row.name, email: row.email, emailVerified: true })))
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users.id });
      accountsCreated += inserted.length;
    }
    const { userIdByEmail } = await existingPeople(
      tx,
      ctx.city.id,
      rows.map((row) => row.email),
    );
    const userIdOf = (row: ImportRow) => {
      const id = userIdByEmail.get(row.email);
      if (!id) throw new Error(`no account for ${row.email} after creating it`);
      return id;
    };

    // Profiles: new ones in bulk; people already on file get what the file adds.
    const onFile = new Map<string, typeof volunteerProfiles.$inferSelect>();
    const lockProfiles = async (userIds: string[]) => {
      for (const part of chunks(userIds)) {
        const found = await tx
          .select()
          .from(volunteerProfiles)
          .where(and(eq(volunteerProfiles.cityId, ctx.city.id), inArray(volunteerProfiles.userId, part)))
          .for("update");
        for (const profile of found) if (profile.userId) onFile.set(profile.userId, profile);
      }
    };
    await lockProfiles(rows.map(userIdOf));
    let created = 0;
    for (const part of chunks(rows.filter((row) => !onFile.has(userIdOf(row))))) {
      const inserted = await tx
        .insert(volunteerProfiles)
        .values(
          part.map((row) => ({
            cityId: ctx.city.id,
            userId: userIdOf(row),
            phone: row.phone,
            languages: row.languages,
            skillIds: row.skillIds,
            neighbourhood: row.neighbourhood,
            consentEmail: row.consentEmail ?? false,
            calendarToken: newCalendarToken(),
          })),
        )
        .onConflictDoNothing({ target: [volunteerProfiles.cityId, volunteerProfiles.userId] })
        .returning({ userId: volunteerProfiles.userId });
      created += inserted.length;
      // A profile its owner saved since the look-up above is added to like the others.
      const insertedIds = new Set(inserted.map((row) => row.userId));
      await lockProfiles(part.map(userIdOf).filter((userId) => !insertedIds.has(userId)));
    }
    let updated = 0;
    for (const row of rows) {
      const profile = onFile.get(userIdOf(row));
      if (!profile) continue;
      const phone = row.phone ?? profile.phone;
      await tx
        .update(volunteerProfiles)
        .set({
          phone,
          languages: [...new Set([...profile.languages, ...row.languages])],
          skillIds: [...new Set([...profile.skillIds, ...row.skillIds])],
          neighbourhood: row.neighbourhood ?? profile.neighbourhood,
          consentEmail: row.consentEmail ?? profile.consentEmail,
          updatedAt: new Date(),
        })
        .where(eq(volunteerProfiles.id, profile.id));
      updated++;
    }

    // Everyone on the list becomes a volunteer of the city: one statement per thousand people rather
    // than a grant each, counted in the import's own audit entry.
    let rolesGranted = 0;
    for (const part of chunks([...new Set(rows.map(userIdOf))])) {
      const granted = await tx
        .insert(roleAssignments)
        .values(part.map((userId) => ({ cityId: ctx.city.id, userId, role: "volunteer" as const, agencyId: null })))
        .onConflictDoNothing()
        .returning({ id: roleAssignments.id });
      rolesGranted += granted.length;
    }

    const result = { dryRun: false, created, updated, total: rows.length };
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "volunteers.imported",
      targetType: "city",
      targetId: ctx.city.id,
      after: { created, updated, total: rows.length, accountsCreated, rolesGranted },
      requestId: ctx.requestId,
    });
    return result;
  });
}

import { z } from "zod";
import { volunteerLanguages } from "./languages.ts";
import { emailAddress, isoDateTime, slug } from "./platform.ts";

/**
 * Volunteers: the city's taxonomy (skills tree, causes, credential types), a resident's volunteer
 * profile, the staff's view of volunteers and their credentials, and CSV import.
 */

// ---------------------------------------------------------------------------------------------
export { volunteerLanguages };
export type VolunteerLanguage = (typeof volunteerLanguages)[number];

const knownLanguages: ReadonlySet<string> = new Set(volunteerLanguages);

export function isVolunteerLanguage(code: string): code is VolunteerLanguage {
  return knownLanguages.has(code);
}

export const volunteerLanguage = z.string().trim().toLowerCase().refine(isVolunteerLanguage, { error: "errors.volunteers.unknownLanguage" });

// ---------------------------------------------------------------------------------------------
// Weekly availability: stored as a 21-bit mask (bit = day × 3 + part, Monday = 0), exchanged as a
// list of slot names such as "mon-morning" so that nobody has to do bit arithmetic.
export const availabilityDays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const availabilityParts = ["morning", "afternoon", "evening"] as const;
export type AvailabilityDay = (typeof availabilityDays)[number];
export type AvailabilityPart = (typeof availabilityParts)[number];
export type AvailabilitySlot = `${AvailabilityDay}-${AvailabilityPart}`;

export const availabilitySlots: AvailabilitySlot[] = availabilityDays.flatMap((day) => availabilityParts.map((part) => `${day}-${part}` as const));

export function isAvailabilitySlot(value: string): value is AvailabilitySlot {
  return (availabilitySlots as string[]).includes(value);
}

export function slotsToAvailability(slots: readonly string[]): number {
  let mask = 0;
  for (const slot of slots) {
    const bit = (availabilitySlots as string[]).indexOf(slot);
    if (bit >= 0) mask |= 1 << bit;
  }
  return mask;
}

export function availabilityToSlots(mask: number): AvailabilitySlot[] {
  return availabilitySlots.filter((_, bit) => (mask & (1 << bit)) !== 0);
}

export const availabilitySlot = z.string().refine(isAvailabilitySlot, { error: "errors.volunteers.availabilitySlot" });

// ---------------------------------------------------------------------------------------------
// Shared field rules.

/** Loose on purpose: people write numbers many ways. Digits, spaces, + ( ) - and 7 to 15 digits. */
export function isPhoneNumber(value: string): boolean {
  if (!/^\+?[\d\s().-]+$/.test(value)) return false;
  const digits = value.replace(/\D/g, "").length;
  return digits >= 7 && digits <= 15;
}

const emptyToNull = (value: string | null | undefined) => (value === undefined || value === null || value.trim() === "" ? null : value.trim());

export const phoneNumber = z
  .string()
  .max(30)
  .nullable()
  .optional()
  .transform(emptyToNull)
  .refine((value) => value === null || isPhoneNumber(value), { error: "errors.volunteers.phone" });

/** The latest date that is not yet in the future anywhere on Earth (UTC+14). */
export function latestPastDate(now = new Date()): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

export const localizedNames = z
  .record(z.string().min(2).max(10), z.string().trim().max(120))
  .transform((names) => Object.fromEntries(Object.entries(names).filter(([, name]) => name !== "")))
  .refine((names) => Object.keys(names).length > 0, { error: "errors.volunteers.nameRequired" });

// ---------------------------------------------------------------------------------------------
// Taxonomy.

const taxonomyItemFields = {
  id: z.uuid(),
  slug: z.string(),
  /** The name in the reader's language, else English, else the first one written. */
  name: z.string(),
  names: z.record(z.string(), z.string()),
};

export const skill = z
  .object({ ...taxonomyItemFields, parentId: z.uuid().nullable(), position: z.number().int(), depth: z.number().int() })
  .meta({ id: "Skill" });
export type SkillView = z.infer<typeof skill>;
/** Depth first, siblings by position: the order in which the tree reads. */
export const skillList = z.object({ skills: z.array(skill) });

export const cause = z.object(taxonomyItemFields).meta({ id: "Cause" });
export type CauseView = z.infer<typeof cause>;
export const causeList = z.object({ causes: z.array(cause) });

export const credentialType = z.object({ ...taxonomyItemFields, validityMonths: z.number().int().nullable() }).meta({ id: "CredentialType" });
export type CredentialTypeView = z.infer<typeof credentialType>;
export const credentialTypeList = z.object({ credentialTypes: z.array(credentialType) });

export const createSkillRequest = z.object({ slug, names: localizedNames, parentId: z.uuid().nullable().default(null) });
export const updateSkillRequest = z.object({ slug: slug.optional(), names: localizedNames.optional(), parentId: z.uuid().nullable().optional() });
export const moveSkillRequest = z.object({ direction: z.enum(["up", "down"]) });

export const createCauseRequest = z.object({ slug, names: localizedNames });
export const updateCauseRequest = createCauseRequest.partial();

const validityMonths = z.number().int().min(1).max(600).nullable();
export const createCredentialTypeRequest = z.object({ slug, names: localizedNames, validityMonths: validityMonths.default(null) });
export const updateCredentialTypeRequest = z.object({ slug: slug.optional(), names: localizedNames.optional(), validityMonths: validityMonths.optional() });

export const skillPath = z.object({ city: z.string(), skillId: z.uuid() });
export const causePath = z.object({ city: z.string(), causeId: z.uuid() });
export const credentialTypePath = z.object({ city: z.string(), credentialTypeId: z.uuid() });

// ---------------------------------------------------------------------------------------------
// A resident's own profile.

const birthDate = z.iso
  .date()
  .refine((value) => value <= latestPastDate(), { error: "errors.volunteers.birthDateFuture" })
  .refine((value) => value >= "1900-01-01", { error: "errors.volunteers.birthDateTooEarly" });

const given = (value: unknown) => value !== null && value !== undefined && value !== "";
/** Rules across fields run even when another field is wrong, so one answer names every problem. */
const always = { when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null };

export const volunteerProfileRequest = z
  .object({
    phone: phoneNumber,
    birthDate: birthDate.nullable().default(null),
    languages: z.array(volunteerLanguage).max(volunteerLanguages.length).default([]),
    skillIds: z.array(z.uuid()).max(200).default([]),
    causeIds: z.array(z.uuid()).max(100).default([]),
    neighbourhood: z.string().max(120).nullable().optional().transform(emptyToNull),
    latitude: z.number().min(-90).max(90).nullable().default(null),
    longitude: z.number().min(-180).max(180).nullable().default(null),
    availability: z.array(availabilitySlot).max(availabilitySlots.length).default([]),
    accessibilityNeeds: z.string().max(1000).nullable().optional().transform(emptyToNull),
    consent: z.object({ email: z.boolean().default(false), sms: z.boolean().default(false) }).default({ email: false, sms: false }),
  })
  .refine((value) => !given(value.latitude) || given(value.longitude), { ...always, path: ["longitude"], error: "errors.volunteers.bothCoordinates" })
  .refine((value) => !given(value.longitude) || given(value.latitude), { ...always, path: ["latitude"], error: "errors.volunteers.bothCoordinates" })
  .refine((value) => value.consent?.sms !== true || given(value.phone), { ...always, path: ["consent", "sms"], error: "errors.volunteers.smsNeedsPhone" });
export type VolunteerProfileInput = z.output<typeof volunteerProfileRequest>;

const profileFields = {
  phone: z.string().nullable(),
  birthDate: z.string().nullable(),
  languages: z.array(z.string()),
  skillIds: z.array(z.uuid()),
  causeIds: z.array(z.uuid()),
  neighbourhood: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  availability: z.array(z.string()),
  accessibilityNeeds: z.string().nullable(),
  consent: z.object({ email: z.boolean(), sms: z.boolean() }),
};

export const myVolunteerProfile = z
  .object({
    /** Null until the person first saves a profile in this city. */
    id: z.uuid().nullable(),
    name: z.string(),
    email: z.string(),
    ...profileFields,
    updatedAt: isoDateTime.nullable(),
  })
  .meta({ id: "MyVolunteerProfile" });
export type MyVolunteerProfileView = z.infer<typeof myVolunteerProfile>;

// ---------------------------------------------------------------------------------------------
// The staff's view of volunteers and their credentials.

export const credentialStatus = z.enum(["valid", "expired"]);

export const credential = z
  .object({
    id: z.uuid(),
    credentialTypeId: z.uuid(),
    name: z.string(),
    issuedOn: z.iso.date(),
    expiresOn: z.iso.date().nullable(),
    status: credentialStatus,
    note: z.string(),
    recordedBy: z.string().nullable(),
    updatedAt: isoDateTime,
  })
  .meta({ id: "VolunteerCredential" });
export type CredentialView = z.infer<typeof credential>;

const namedReference = z.object({ id: z.uuid(), name: z.string() });

export const volunteerSummary = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    languages: z.array(z.string()),
    neighbourhood: z.string().nullable(),
    skills: z.array(namedReference),
    credentials: z.array(z.object({ credentialTypeId: z.uuid(), name: z.string(), expiresOn: z.iso.date().nullable(), status: credentialStatus })),
  })
  .meta({ id: "VolunteerSummary" });
export type VolunteerSummaryView = z.infer<typeof volunteerSummary>;

export const volunteersPageSize = 50;

export const volunteerListQuery = z.object({
  q: z.string().trim().max(120).optional(),
  skill: z.uuid().optional(),
  language: z.string().trim().toLowerCase().max(10).optional(),
  neighbourhood: z.string().trim().max(120).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export const volunteerList = z.object({
  volunteers: z.array(volunteerSummary),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type VolunteerListView = z.infer<typeof volunteerList>;

export const volunteerDetail = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    name: z.string(),
    email: z.string(),
    ...profileFields,
    skills: z.array(namedReference),
    causes: z.array(namedReference),
    credentials: z.array(credential),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: "VolunteerDetail" });
export type VolunteerDetailView = z.infer<typeof volunteerDetail>;

export const volunteerPath = z.object({ city: z.string(), volunteerId: z.uuid() });
export const credentialPath = z.object({ city: z.string(), volunteerId: z.uuid(), credentialId: z.uuid() });

export const recordCredentialRequest = z.object({
  credentialTypeId: z.uuid(),
  issuedOn: z.iso.date(),
  /** Left out: computed from the type's validity. Null: it does not expire. */
  expiresOn: z.iso.date().nullable().optional(),
  note: z.string().trim().max(500).default(""),
});
export const updateCredentialRequest = z.object({
  issuedOn: z.iso.date().optional(),
  expiresOn: z.iso.date().nullable().optional(),
  note: z.string().trim().max(500).optional(),
});

// ---------------------------------------------------------------------------------------------
// CSV import.

export const importColumns = ["name", "email", "phone", "languages", "skills", "neighbourhood", "consent_email"] as const;
export const requiredImportColumns = ["name", "email"] as const;
export const importMaxRows = 5000;
export const importMaxBytes = 2 * 1024 * 1024;

export const importVolunteersRequest = z.object({ csv: z.string().min(1), dryRun: z.boolean().default(false) });
export const importVolunteersQuery = z.object({ dryRun: z.enum(["true", "false"]).optional() });

export const importResult = z.object({
  dryRun: z.boolean(),
  /** People who had no volunteer profile in this city. */
  created: z.number().int(),
  /** People whose profile the file added to. */
  updated: z.number().int(),
  total: z.number().int(),
});
export type ImportResultView = z.infer<typeof importResult>;

/** One problem in one row of the file: `row` is the line number in the file where the row starts. */
export const importRowProblem = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export type ImportRowProblem = z.infer<typeof importRowProblem>;

/** Used by the import when a person does not exist yet. */
export const importEmail = emailAddress;

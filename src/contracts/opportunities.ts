import { z } from "zod";
import { isoDateTime } from "./platform.ts";

/** Opportunities: what residents can help with, the public listing, and one opportunity's page. */

export const languageCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, { error: "errors.field.languageCode" });

/** The fields as they are; creating fills in defaults, changing leaves out what is not sent. */
const opportunityFields = {
  /** The agency that runs it; for a group's event, the group instead (`groupId`, on creation only). */
  agencyId: z.uuid(),
  title: z.string().trim().min(3).max(140),
  summary: z.string().trim().min(10).max(300),
  description: z.string().trim().max(10_000),
  causeId: z.uuid().nullable(),
  requiredSkillIds: z.array(z.uuid()).max(20),
  requiredCredentialTypeIds: z.array(z.uuid()).max(10),
  requiredLanguages: z.array(languageCode).max(10),
  minimumAge: z.number().int().min(1).max(120).nullable(),
  locationKind: z.enum(["in_person", "remote"]),
  address: z.string().trim().max(300).nullable(),
  neighbourhood: z.string().trim().max(120).nullable(),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
  visibility: z.enum(["public", "unlisted"]),
};

function locationRules(
  value: { locationKind?: string; address?: string | null; latitude?: number | null; longitude?: number | null },
  context: z.RefinementCtx,
) {
  if (value.locationKind === "in_person" && !value.address) {
    context.addIssue({ code: "custom", path: ["address"], message: "errors.opportunities.addressRequired" });
  }
  if ((value.latitude === null || value.latitude === undefined) !== (value.longitude === null || value.longitude === undefined)) {
    context.addIssue({ code: "custom", path: ["longitude"], message: "errors.field.bothCoordinates" });
  }
}

export const createOpportunityRequest = z
  .object({
    ...opportunityFields,
    agencyId: opportunityFields.agencyId.optional(),
    groupId: z.uuid().optional(),
    description: opportunityFields.description.default(""),
    causeId: opportunityFields.causeId.default(null),
    requiredSkillIds: opportunityFields.requiredSkillIds.default([]),
    requiredCredentialTypeIds: opportunityFields.requiredCredentialTypeIds.default([]),
    requiredLanguages: opportunityFields.requiredLanguages.default([]),
    minimumAge: opportunityFields.minimumAge.default(null),
    address: opportunityFields.address.default(null),
    neighbourhood: opportunityFields.neighbourhood.default(null),
    latitude: opportunityFields.latitude.default(null),
    longitude: opportunityFields.longitude.default(null),
    visibility: opportunityFields.visibility.default("public"),
  })
  .superRefine(locationRules)
  .superRefine((value, context) => {
    if ((value.agencyId === undefined) === (value.groupId === undefined))
      context.addIssue({ code: "custom", path: ["agencyId"], message: "errors.opportunities.oneHost" });
  });
export const updateOpportunityRequest = z.object(opportunityFields).partial().superRefine(locationRules);

export const opportunityStatus = z.enum(["draft", "published", "archived"]);

export const namedRef = z.object({ id: z.uuid(), name: z.string() });
/** The group that runs a group's event (hack night, workshop), where an agency runs the others. */
export const hostGroup = z.object({ id: z.uuid(), slug: z.string(), name: z.string() });

export const shiftSummary = z
  .object({
    id: z.uuid(),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    capacity: z.number().int(),
    placesLeft: z.number().int(),
    waitlistEnabled: z.boolean(),
    waitlistCount: z.number().int(),
    status: z.enum(["scheduled", "cancelled"]),
    note: z.string(),
  })
  .meta({ id: "ShiftSummary" });

export const opportunity = z
  .object({
    id: z.uuid(),
    title: z.string(),
    summary: z.string(),
    description: z.string(),
    agency: namedRef.nullable(),
    group: hostGroup.nullable(),
    cause: namedRef.nullable(),
    requiredSkills: z.array(namedRef),
    requiredCredentials: z.array(namedRef),
    requiredLanguages: z.array(z.string()),
    minimumAge: z.number().int().nullable(),
    locationKind: z.enum(["in_person", "remote"]),
    address: z.string().nullable(),
    neighbourhood: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    visibility: z.enum(["public", "unlisted"]),
    status: opportunityStatus,
    publishedAt: isoDateTime.nullable(),
    shifts: z.array(shiftSummary),
  })
  .meta({ id: "Opportunity" });
export type OpportunityView = z.infer<typeof opportunity>;

export const opportunityPath = z.object({ city: z.string(), opportunityId: z.uuid() });

export const listingQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  cause: z.uuid().optional(),
  skill: z.uuid().optional(),
  language: languageCode.optional(),
  neighbourhood: z.string().trim().max(120).optional(),
  kind: z.enum(["in_person", "remote"]).optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
export type ListingQuery = z.infer<typeof listingQuery>;

export const listingItem = z
  .object({
    id: z.uuid(),
    title: z.string(),
    summary: z.string(),
    agency: namedRef.nullable(),
    group: hostGroup.nullable(),
    cause: namedRef.nullable(),
    locationKind: z.enum(["in_person", "remote"]),
    neighbourhood: z.string().nullable(),
    requiredLanguages: z.array(z.string()),
    skills: z.array(namedRef),
    nextShift: z.object({ id: z.uuid(), startsAt: isoDateTime, endsAt: isoDateTime, placesLeft: z.number().int(), waitlistOpen: z.boolean() }).nullable(),
    upcomingShifts: z.number().int(),
  })
  .meta({ id: "ListingItem" });
export type ListingItem = z.infer<typeof listingItem>;

export const listingResponse = z.object({
  opportunities: z.array(listingItem),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  neighbourhoods: z.array(z.string()),
});
export type ListingResponse = z.infer<typeof listingResponse>;

export const staffOpportunityList = z.object({
  opportunities: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      agency: namedRef.nullable(),
      group: hostGroup.nullable(),
      status: opportunityStatus,
      visibility: z.enum(["public", "unlisted"]),
      locationKind: z.enum(["in_person", "remote"]),
      upcomingShifts: z.number().int(),
      confirmed: z.number().int(),
      capacity: z.number().int(),
      nextShiftAt: isoDateTime.nullable(),
    }),
  ),
});

export const staffOpportunityQuery = z.object({
  status: opportunityStatus.optional(),
  agencyId: z.uuid().optional(),
  groupId: z.uuid().optional(),
});

export const matchReasons = z.object({
  skills: z.array(z.string()),
  distanceKm: z.number().nullable(),
  availableShifts: z.number().int(),
  totalShifts: z.number().int(),
  languages: z.array(z.string()),
});

export const recommendations = z.object({
  opportunities: z.array(
    z.object({
      opportunityId: z.uuid(),
      title: z.string(),
      summary: z.string(),
      /** The agency, or the group, that runs it. */
      hostName: z.string(),
      locationKind: z.enum(["in_person", "remote"]),
      neighbourhood: z.string().nullable(),
      nextShift: z.object({ id: z.uuid(), startsAt: isoDateTime, endsAt: isoDateTime, placesLeft: z.number().int(), waitlistOpen: z.boolean() }).nullable(),
      score: z.number(),
      reasons: matchReasons,
    }),
  ),
});

export const suggestedVolunteers = z.object({
  volunteers: z.array(
    z.object({
      volunteerId: z.uuid(),
      name: z.string(),
      /** Only for DSO staff and city admins; agency staff see contact details on their rosters. */
      email: z.string().nullable(),
      consentEmail: z.boolean(),
      score: z.number(),
      reasons: matchReasons,
    }),
  ),
});

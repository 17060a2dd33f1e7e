import { z } from "zod";
import { isoDateTime } from "./platform.ts";

/** Opportunities: what residents can help with, the public listing, and one opportunity's page. */

export const languageCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, { error: "errors.field.languageCode" });

const coordinates = {
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
};

const opportunityFields = z.object({
  agencyId: z.uuid(),
  title: z.string().trim().min(3).max(140),
  summary: z.string().trim().min(10).max(300),
  description: z.string().trim().max(10_000).default(""),
  causeId: z.uuid().nullable().default(null),
  requiredSkillIds: z.array(z.uuid()).max(20).default([]),
  requiredCredentialTypeIds: z.array(z.uuid()).max(10).default([]),
  requiredLanguages: z.array(languageCode).max(10).default([]),
  minimumAge: z.number().int().min(1).max(120).nullable().default(null),
  locationKind: z.enum(["in_person", "remote"]),
  address: z.string().trim().max(300).nullable().default(null),
  neighbourhood: z.string().trim().max(120).nullable().default(null),
  ...coordinates,
  visibility: z.enum(["public", "unlisted"]).default("public"),
});

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

export const createOpportunityRequest = opportunityFields.superRefine(locationRules);
export const updateOpportunityRequest = opportunityFields.partial().superRefine(locationRules);

export const opportunityStatus = z.enum(["draft", "published", "archived"]);

export const namedRef = z.object({ id: z.uuid(), name: z.string() });

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
    agency: namedRef,
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
    agency: namedRef,
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
      agency: namedRef,
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
});

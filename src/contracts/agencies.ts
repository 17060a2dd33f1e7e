import { z } from "zod";
import { emailAddress, slug } from "./platform.ts";

export const agency = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    contactEmail: z.string().nullable(),
  })
  .meta({ id: "Agency" });
export type AgencyView = z.infer<typeof agency>;

export const agencyList = z.object({ agencies: z.array(agency) });

export const agencyPath = z.object({ city: z.string(), agencyId: z.uuid() });

const agencyFields = {
  slug,
  name: z.string().trim().min(2).max(120),
  description: z.string().trim().max(2000),
  contactEmail: emailAddress.nullable(),
};

export const createAgencyRequest = z.object({
  ...agencyFields,
  description: agencyFields.description.default(""),
  contactEmail: agencyFields.contactEmail.optional(),
});

/** Only what is sent changes. */
export const updateAgencyRequest = z.object(agencyFields).partial();

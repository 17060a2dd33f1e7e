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

export const createAgencyRequest = z.object({
  slug,
  name: z.string().trim().min(2).max(120),
  description: z.string().trim().max(2000).default(""),
  contactEmail: emailAddress.nullable().optional(),
});

export const updateAgencyRequest = createAgencyRequest.partial();

import { z } from "zod";

/** Groups of a city: civic-tech brigades and volunteer associations. */

export const groupSummary = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    memberCount: z.number().int(),
  })
  .meta({ id: "GroupSummary" });
export type GroupSummaryView = z.infer<typeof groupSummary>;

export const groupList = z.object({ groups: z.array(groupSummary) });

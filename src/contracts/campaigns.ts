import { z } from "zod";
import { isoDateTime } from "./platform.ts";
import { availabilitySlot, volunteerLanguage } from "./volunteers.ts";

/** Mobilization campaigns: a call to action to an audience of volunteers, and what came of it. */

export const campaignChannel = z.enum(["email", "sms"]);
export type CampaignChannel = z.infer<typeof campaignChannel>;

export const campaignStatus = z.enum(["draft", "scheduled", "sending", "sent", "cancelled"]);
export type CampaignStatus = z.infer<typeof campaignStatus>;

/** Who a campaign is for. Every filter narrows the audience; an empty list or null means "any". */
export const campaignAudience = z
  .object({
    /** Volunteers with any of these skills (or a skill below one of them in the tree). */
    skillIds: z.array(z.uuid()).max(50).default([]),
    /** Volunteers who speak any of these languages. */
    languages: z.array(volunteerLanguage).max(20).default([]),
    /** Volunteers in any of these neighbourhoods (as written on their profiles, case-insensitive). */
    neighbourhoods: z.array(z.string().trim().min(1).max(120)).max(50).default([]),
    /** Volunteers whose location is within the radius of the point. */
    near: z
      .object({
        latitude: z.number().min(-90).max(90),
        longitude: z.number().min(-180).max(180),
        radiusKm: z.number().positive().max(500),
      })
      .nullable()
      .default(null),
    /** Volunteers free in any of these weekly slots ("mon-morning", "sat-evening"). */
    availability: z.array(availabilitySlot).max(21).default([]),
    /** Volunteers holding every one of these credentials, unexpired. */
    credentialTypeIds: z.array(z.uuid()).max(10).default([]),
    /** Volunteers who attended a shift in the last N days. */
    attendedWithinDays: z.number().int().min(1).max(3650).nullable().default(null),
    /** Volunteers who are active members of any of these groups. */
    groupIds: z.array(z.uuid()).max(50).default([]),
  })
  .meta({ id: "CampaignAudience" });
export type CampaignAudienceInput = z.input<typeof campaignAudience>;
export type CampaignAudienceView = z.infer<typeof campaignAudience>;

/** One language's message. The subject is for email; SMS sends the body alone. */
export const campaignMessage = z.object({
  language: volunteerLanguage,
  subject: z.string().trim().max(200).default(""),
  body: z.string().trim().min(1).max(10_000),
});

const campaignFields = {
  name: z.string().trim().min(3).max(140),
  channel: campaignChannel,
  audience: campaignAudience,
  /** One message per language; a volunteer gets their language, else the city's default language. */
  messages: z.array(campaignMessage).min(1).max(20),
  /** The opportunity the message links to (a tracked link), if any. */
  opportunityId: z.uuid().nullable(),
};

export const createCampaignRequest = z.object({
  ...campaignFields,
  channel: campaignFields.channel.default("email"),
  opportunityId: campaignFields.opportunityId.default(null),
});
/** Only drafts and scheduled campaigns change; only what is sent changes. */
export const updateCampaignRequest = z.object(campaignFields).partial();

/** Send now (no `sendAt`) or at a time in the future. */
export const sendCampaignRequest = z.object({ sendAt: isoDateTime.nullable().default(null) });

export const audienceCountRequest = z.object({ channel: campaignChannel.default("email"), audience: campaignAudience });
export const audienceCount = z
  .object({
    /** Volunteers who match and can be reached: these are the ones who would receive it. */
    reachable: z.number().int(),
    /** Volunteers who match but gave no consent for the channel, unsubscribed, or have no address for it. */
    unreachable: z.number().int(),
  })
  .meta({ id: "AudienceCount" });
export type AudienceCountView = z.infer<typeof audienceCount>;

/** The funnel: queued → sent → failed → clicked → signed up → attended. */
export const campaignFunnel = z
  .object({
    queued: z.number().int(),
    sent: z.number().int(),
    failed: z.number().int(),
    clicked: z.number().int(),
    signedUp: z.number().int(),
    attended: z.number().int(),
    unsubscribed: z.number().int(),
  })
  .meta({ id: "CampaignFunnel" });
export type CampaignFunnelView = z.infer<typeof campaignFunnel>;

export const campaignSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    channel: campaignChannel,
    status: campaignStatus,
    scheduledFor: isoDateTime.nullable(),
    queuedAt: isoDateTime.nullable(),
    finishedAt: isoDateTime.nullable(),
    recipientCount: z.number().int(),
    createdAt: isoDateTime,
  })
  .meta({ id: "CampaignSummary" });
export type CampaignSummaryView = z.infer<typeof campaignSummary>;

export const campaign = z
  .object({
    ...campaignSummary.shape,
    audience: campaignAudience,
    messages: z.array(z.object({ language: z.string(), subject: z.string(), body: z.string() })),
    opportunity: z.object({ id: z.uuid(), title: z.string() }).nullable(),
    cancelledAt: isoDateTime.nullable(),
    funnel: campaignFunnel,
  })
  .meta({ id: "Campaign" });
export type CampaignView = z.infer<typeof campaign>;

export const campaignList = z.object({ campaigns: z.array(campaignSummary) });

export const campaignPath = z.object({ city: z.string(), campaignId: z.uuid() });

export const campaignPreviewQuery = z.object({ language: volunteerLanguage.optional() });
/** The message as one volunteer in that language would get it, with a sample name and links. */
export const campaignPreview = z
  .object({
    language: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string().nullable(),
  })
  .meta({ id: "CampaignPreview" });
export type CampaignPreviewView = z.infer<typeof campaignPreview>;

/** The public unsubscribe page's view of a link: what city and campaign it came from, never who. */
export const unsubscribePath = z.object({ token: z.string().min(10).max(100) });
export const unsubscribeStatus = z
  .object({
    cityName: z.string(),
    citySlug: z.string(),
    campaignName: z.string(),
    channel: campaignChannel,
    unsubscribed: z.boolean(),
  })
  .meta({ id: "UnsubscribeStatus" });
export type UnsubscribeStatusView = z.infer<typeof unsubscribeStatus>;

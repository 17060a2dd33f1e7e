import { randomBytes } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import { opportunities } from "../opportunities/index.ts";
import { volunteerProfiles } from "../volunteers/index.ts";
import { storedAudience } from "./audience.ts";
import { campaignRecipients, campaigns } from "./schema.ts";

/**
 * The demo city's campaigns: one sent a week and a half ago to the flu clinic, in English and Spanish,
 * with a funnel to look at (sent, one that bounced, clicks, sign-ups that turned up), and one draft.
 * Run again, it leaves what is there.
 */

const sentName = "Flu clinic greeters: can you help this week?";
const draftName = "Saturday tree planting: bring a friend";

export async function seedCampaignDemo(db: Database, city: { id: string }, userIdByEmail: ReadonlyMap<string, string>): Promise<void> {
  const existing = await db
    .select({ name: campaigns.name })
    .from(campaigns)
    .where(and(eq(campaigns.cityId, city.id), inArray(campaigns.name, [sentName, draftName])));
  const has = new Set(existing.map((row) => row.name));
  const opportunityId = async (title: string) =>
    (
      await db
        .select({ id: opportunities.id })
        .from(opportunities)
        .where(and(eq(opportunities.cityId, city.id), eq(opportunities.title, title)))
        .limit(1)
    )[0]?.id ?? null;
  const createdBy = userIdByEmail.get("dso@springfield.example") ?? null;

  if (!has.has(sentName)) {
    const sentAt = new Date(Date.now() - 10 * 86_400_000);
    const [campaign] = await db
      .insert(campaigns)
      .values({
        cityId: city.id,
        name: sentName,
        channel: "email",
        audience: storedAudience({
          skillIds: [],
          languages: [],
          neighbourhoods: [],
          near: { latitude: 39.799, longitude: -89.645, radiusKm: 10 },
          availability: [],
          credentialTypeIds: [],
          attendedWithinDays: null,
          groupIds: [],
        }),
        messages: {
          en: {
            subject: "Flu clinic greeters: can you help this week?",
            body: "Hello,\n\nThe free flu clinic at the Municipal Center needs friendly faces to greet residents and keep the queue moving. One morning shift, no experience needed. Follow the link below to choose a time.\n\nThank you!\nSpringfield Department of Health",
          },
          es: {
            subject: "Recepción en la clínica de vacunación contra la gripe: ¿puede ayudar esta semana?",
            body: "Hola:\n\nLa clínica gratuita de vacunación contra la gripe del Centro Municipal necesita personas que reciban a los vecinos y ayuden a que la fila avance. Un turno de mañana, sin experiencia previa. Siga el enlace de abajo para elegir un horario.\n\n¡Gracias!\nDepartamento de Salud de Springfield",
          },
        },
        opportunityId: await opportunityId("Flu clinic greeters"),
        status: "sent",
        queuedAt: sentAt,
        finishedAt: new Date(sentAt.getTime() + 60_000),
        createdBy,
        createdAt: new Date(sentAt.getTime() - 3_600_000),
      })
      .returning({ id: campaigns.id });
    if (!campaign) throw new Error("campaign insert returned no row");

    const profiles = new Map(
      (
        await db
          .select({ id: volunteerProfiles.id, userId: volunteerProfiles.userId })
          .from(volunteerProfiles)
          .where(and(eq(volunteerProfiles.cityId, city.id), inArray(volunteerProfiles.userId, [...userIdByEmail.values()])))
      ).map((row) => [row.userId, row.id]),
    );
    const minutesAfter = (minutes: number) => new Date(sentAt.getTime() + minutes * 60_000);
    const recipients: { email: string; language: string; outcome: "clicked" | "sent" | "failed" }[] = [
      { email: "dana@springfield.example", language: "en", outcome: "clicked" },
      { email: "luis@springfield.example", language: "es", outcome: "clicked" },
      { email: "tom@springfield.example", language: "en", outcome: "clicked" },
      { email: "priya@springfield.example", language: "en", outcome: "sent" },
      { email: "organizer@springfield.example", language: "en", outcome: "failed" },
    ];
    const rows = recipients.flatMap((recipient, index) => {
      const volunteerId = profiles.get(userIdByEmail.get(recipient.email) ?? "");
      if (!volunteerId) return [];
      const failed = recipient.outcome === "failed";
      return [
        {
          cityId: city.id,
          campaignId: campaign.id,
          volunteerId,
          language: recipient.language,
          status: failed ? ("failed" as const) : ("sent" as const),
          token: randomBytes(16).toString("hex"),
          attempts: failed ? 5 : 1,
          sentAt: failed ? null : minutesAfter(index),
          failedAt: failed ? minutesAfter(90) : null,
          lastError: failed ? "550 5.1.1 mailbox unavailable" : null,
          firstClickedAt: recipient.outcome === "clicked" ? minutesAfter(30 + index * 20) : null,
          clickCount: recipient.outcome === "clicked" ? 1 + (index % 2) : 0,
          createdAt: sentAt,
        },
      ];
    });
    if (rows.length > 0) await db.insert(campaignRecipients).values(rows);
    await db.update(campaigns).set({ recipientCount: rows.length }).where(eq(campaigns.id, campaign.id));
  }

  if (!has.has(draftName)) {
    await db.insert(campaigns).values({
      cityId: city.id,
      name: draftName,
      channel: "email",
      audience: storedAudience({
        skillIds: [],
        languages: [],
        neighbourhoods: [],
        near: { latitude: 39.812, longitude: -89.668, radiusKm: 5 },
        availability: ["sat-morning"],
        credentialTypeIds: [],
        attendedWithinDays: null,
        groupIds: [],
      }),
      messages: {
        en: {
          subject: "Saturday tree planting: bring a friend",
          body: "Hello,\n\nWe are planting native saplings along the river trail on Saturday morning. Tools, gloves and water are provided. Bring a friend!",
        },
        es: {
          subject: "Plantación de árboles el sábado: traiga a alguien",
          body: "Hola:\n\nEl sábado por la mañana plantamos árboles nativos junto al sendero del río. Ponemos herramientas, guantes y agua. ¡Traiga a alguien!",
        },
      },
      opportunityId: await opportunityId("Riverside tree planting"),
      createdBy,
    });
  }
}

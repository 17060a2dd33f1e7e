import { and, eq } from "drizzle-orm";
import { type ProcessContentInput, processContent } from "../../../contracts/processes.ts";
import type { Database } from "../../db/connection.ts";
import { listAgencies } from "../agencies/index.ts";
import { processes, processRates, processRevisions } from "./schema.ts";

/**
 * The demo city's rate table and one documented process, the park permit of the demo problem
 * board: how it works today (as-is) and the online version the DSO designed (to-be), published so
 * that the public and other cities can read it. Run again, it leaves what is there.
 */

const rates = [
  { role: "Permit clerk", hourlyRateMinor: 3_400 },
  { role: "Parks supervisor", hourlyRateMinor: 5_200 },
  { role: "Field inspector", hourlyRateMinor: 4_100 },
  { role: "Cashier", hourlyRateMinor: 2_900 },
];

const asIs: ProcessContentInput = {
  name: "Picnic shelter and field permit",
  purpose: "Let residents and leagues reserve a picnic shelter or a sports field for a date.",
  serviceUsers: "Residents, families and sports leagues",
  annualVolume: 4_000,
  steps: [
    {
      key: "form",
      name: "Take the paper form at the counter",
      actorRole: "Permit clerk",
      channel: "counter",
      handlingMinutes: 8,
      waitingMinutes: 0,
      systemUsed: "Paper form",
    },
    {
      key: "type",
      name: "Type the form into the bookings spreadsheet",
      actorRole: "Permit clerk",
      channel: "paper",
      handlingMinutes: 6,
      waitingMinutes: 1_440,
      systemUsed: "Spreadsheet",
    },
    {
      key: "check",
      name: "Check the date is free and the form complete",
      actorRole: "Permit clerk",
      channel: "paper",
      handlingMinutes: 5,
      waitingMinutes: 720,
      systemUsed: "Spreadsheet",
      decision: { condition: "Form incomplete?", goToStepKey: "call" },
    },
    {
      key: "call",
      name: "Phone the applicant about missing details",
      actorRole: "Permit clerk",
      channel: "phone",
      handlingMinutes: 10,
      waitingMinutes: 2_880,
      sharePercent: 35,
    },
    { key: "approve", name: "Approve the booking", actorRole: "Parks supervisor", channel: "paper", handlingMinutes: 4, waitingMinutes: 2_880 },
    { key: "pay", name: "Take payment", actorRole: "Cashier", channel: "counter", handlingMinutes: 6, waitingMinutes: 1_440 },
  ],
};

const toBe: ProcessContentInput = {
  ...asIs,
  steps: [
    {
      key: "apply",
      name: "Apply and pick a free date online",
      actorRole: "Applicant",
      channel: "online",
      handlingMinutes: 0,
      waitingMinutes: 0,
      systemUsed: "Civitas booking form",
    },
    {
      key: "approve",
      name: "Approve the booking",
      actorRole: "Parks supervisor",
      channel: "online",
      handlingMinutes: 2,
      waitingMinutes: 480,
      systemUsed: "Civitas booking form",
    },
    {
      key: "call",
      name: "Message the applicant about missing details",
      actorRole: "Permit clerk",
      channel: "email",
      handlingMinutes: 4,
      waitingMinutes: 1_440,
      sharePercent: 5,
    },
    { key: "pay", name: "Pay online", actorRole: "Applicant", channel: "online", handlingMinutes: 0, waitingMinutes: 0, systemUsed: "Card payments" },
  ],
};

export async function seedProcessDemo(db: Database, city: { id: string; currency: string }, userIdByEmail: ReadonlyMap<string, string>): Promise<void> {
  await db
    .insert(processRates)
    .values(rates.map((rate) => ({ ...rate, cityId: city.id, currency: city.currency })))
    .onConflictDoNothing({ target: [processRates.cityId, processRates.role] });

  const parks = (await listAgencies(db, city.id)).find((agency) => agency.slug === "parks");
  if (!parks) return;
  const [existing] = await db
    .select({ id: processes.id })
    .from(processes)
    .where(and(eq(processes.cityId, city.id), eq(processes.name, asIs.name)))
    .limit(1);
  if (existing) return;

  const parksStaff = userIdByEmail.get("parks@springfield.example") ?? null;
  const dso = userIdByEmail.get("dso@springfield.example") ?? null;
  await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(processes)
      .values({
        cityId: city.id,
        agencyId: parks.id,
        name: asIs.name,
        currentRevision: 2,
        asIsRevision: 1,
        toBeRevision: 2,
        publishedAt: new Date(),
        createdBy: parksStaff,
      })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await tx.insert(processRevisions).values([
      {
        cityId: city.id,
        processId: created.id,
        number: 1,
        content: processContent.parse(asIs),
        message: "How permits work today, written down with the permit desk",
        authorId: parksStaff,
      },
      {
        cityId: city.id,
        processId: created.id,
        number: 2,
        content: processContent.parse(toBe),
        message: "Online booking with the free dates shown and payment online",
        authorId: dso,
      },
    ]);
  });
}

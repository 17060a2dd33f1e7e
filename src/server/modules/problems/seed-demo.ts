import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import { listAgencies } from "../agencies/index.ts";
import { problemSupports, problems } from "./schema.ts";

/**
 * The demo city's problem board: one accepted with residents' support, one new from a resident,
 * and one declined with its reason. Run again, it leaves what is there.
 */

const demoProblems = [
  {
    title: "Park permits are handled on paper forms",
    agency: "parks",
    reporter: "parks@springfield.example",
    description:
      "Picnic shelter and field permits are requested on a paper form, re-typed into a spreadsheet and confirmed by phone. Residents wait up to two weeks for an answer.",
    affected: "About 4,000 residents and league organisers a year; two clerks",
    frequency: "About 80 requests a week in season",
    costEstimateMinor: 6_200_000,
    status: "accepted" as const,
    supporters: ["dana@springfield.example", "luis@springfield.example", "priya@springfield.example"],
  },
  {
    title: "Library card renewal needs a visit to a branch",
    agency: null,
    reporter: "ana@springfield.example",
    description: "Renewing a library card means going to a branch with proof of address, even though the address is already on file with the city.",
    affected: "Every cardholder, once every three years",
    frequency: "About 300 renewals a month",
    costEstimateMinor: null,
    status: "new" as const,
    supporters: ["tom@springfield.example"],
  },
  {
    title: "Replace the city's website with a mobile app",
    agency: null,
    reporter: "tom@springfield.example",
    description: "The website is hard to use on a phone; the city should build an app instead.",
    affected: "Everyone",
    frequency: "Daily",
    costEstimateMinor: null,
    status: "declined" as const,
    declineReason: "The website is being made mobile-friendly as part of the web redesign; a separate app would cost more and reach fewer people.",
    supporters: [],
  },
];

export async function seedProblemDemo(db: Database, city: { id: string; currency: string }, userIdByEmail: ReadonlyMap<string, string>): Promise<void> {
  const existing = await db
    .select({ title: problems.title })
    .from(problems)
    .where(
      and(
        eq(problems.cityId, city.id),
        inArray(
          problems.title,
          demoProblems.map((problem) => problem.title),
        ),
      ),
    );
  const has = new Set(existing.map((row) => row.title));
  const agencyIdBySlug = new Map((await listAgencies(db, city.id)).map((agency) => [agency.slug, agency.id]));
  const triager = userIdByEmail.get("dso@springfield.example") ?? null;
  for (const seed of demoProblems) {
    if (has.has(seed.title)) continue;
    const agencyId = seed.agency ? (agencyIdBySlug.get(seed.agency) ?? null) : null;
    const [created] = await db
      .insert(problems)
      .values({
        cityId: city.id,
        agencyId,
        origin: agencyId ? "agency" : "resident",
        reportedBy: userIdByEmail.get(seed.reporter) ?? null,
        title: seed.title,
        description: seed.description,
        affected: seed.affected,
        frequency: seed.frequency,
        costEstimateMinor: seed.costEstimateMinor,
        currency: city.currency,
        status: seed.status,
        declineReason: "declineReason" in seed ? seed.declineReason : null,
        triagedBy: seed.status === "new" ? null : triager,
        triagedAt: seed.status === "new" ? null : new Date(),
      })
      .returning({ id: problems.id });
    if (!created) throw new Error("problem insert returned no row");
    const supporters = seed.supporters.flatMap((email) => {
      const userId = userIdByEmail.get(email);
      return userId ? [{ cityId: city.id, problemId: created.id, userId }] : [];
    });
    if (supporters.length > 0) await db.insert(problemSupports).values(supporters).onConflictDoNothing();
  }
}

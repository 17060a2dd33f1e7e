import { eq } from "drizzle-orm";
import type { PersonalDataProvider } from "../../platform/personal-data/index.ts";
import { cities } from "../../platform/tenancy/index.ts";
import { problemSupports, problems } from "./schema.ts";

/**
 * The problems a person reported or proposed, and those they support. When the account goes, the
 * problems stay on the board without their reporter (the foreign key clears it) and the supports go.
 */
export const problemPersonalData: PersonalDataProvider = {
  name: "problems",
  async export(db, userId) {
    const [reported, supported] = await Promise.all([
      db
        .select({ city: cities.slug, title: problems.title, description: problems.description, status: problems.status, createdAt: problems.createdAt })
        .from(problems)
        .innerJoin(cities, eq(cities.id, problems.cityId))
        .where(eq(problems.reportedBy, userId))
        .orderBy(problems.createdAt),
      db
        .select({ city: cities.slug, title: problems.title, supportedAt: problemSupports.createdAt })
        .from(problemSupports)
        .innerJoin(problems, eq(problems.id, problemSupports.problemId))
        .innerJoin(cities, eq(cities.id, problemSupports.cityId))
        .where(eq(problemSupports.userId, userId))
        .orderBy(problemSupports.createdAt),
    ]);
    return { reported, supported };
  },
  async erase(tx, person) {
    await tx.delete(problemSupports).where(eq(problemSupports.userId, person.userId));
    await tx.update(problems).set({ reportedBy: null }).where(eq(problems.reportedBy, person.userId));
  },
};

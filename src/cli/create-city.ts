import { createCityRequest } from "../contracts/cities.ts";
import type { DatabaseHandle } from "../server/db/connection.ts";
import { createCity } from "../server/modules/cities/index.ts";
import { fieldProblemsFromZod } from "../server/platform/errors/index.ts";
import type { CommandArguments } from "./main.ts";

const optionByField: Record<string, string> = { timeZone: "time-zone", defaultLocale: "locale" };

export async function createCityCommand(database: DatabaseHandle, values: CommandArguments): Promise<number> {
  const parsed = createCityRequest.safeParse(
    {
      slug: values.slug,
      name: values.name,
      timeZone: values["time-zone"],
      defaultLocale: values.locale ?? "en",
      currency: values.currency ?? "USD",
    },
    { reportInput: true },
  );
  if (!parsed.success) {
    const lines = fieldProblemsFromZod("en", parsed.error.issues as unknown as Record<string, unknown>[]).map(
      (problem) => `  --${optionByField[problem.field] ?? problem.field}: ${problem.message}`,
    );
    process.stderr.write(`civitas: the city cannot be created:\n${lines.join("\n")}\n`);
    return 65;
  }
  const city = await createCity(database.db, null, parsed.data);
  process.stdout.write(`Created ${city.name} at /${city.slug} (time zone ${city.timeZone}).\n`);
  return 0;
}

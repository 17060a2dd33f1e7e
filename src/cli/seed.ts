import type { Config } from "../server/config.ts";
import type { DatabaseHandle } from "../server/db/connection.ts";
import { isDatabaseEmpty, seedDemoCity } from "../server/seed/demo-city.ts";
import type { Services } from "../server/services.ts";
import type { CommandArguments } from "./main.ts";

export async function seedDemo(database: DatabaseHandle, services: Services, config: Config, values: CommandArguments): Promise<number> {
  if (!values.demo) {
    process.stderr.write("civitas: seed needs --demo (the only data set there is)\n");
    return 64;
  }
  if (!(await isDatabaseEmpty(database.db))) {
    process.stderr.write("civitas: this database already has cities; the demo city is only loaded into an empty one\n");
    return 65;
  }
  const seeded = await seedDemoCity(database.db, services.auth, { password: config.demoPassword });
  process.stdout.write(
    `Loaded the demo city /${seeded.city.slug}. Demo accounts (password from DEMO_PASSWORD):\n${seeded.accounts.map((email) => `  ${email}`).join("\n")}\n`,
  );
  return 0;
}

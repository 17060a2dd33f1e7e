import { parseArgs } from "node:util";
import pino from "pino";
import { ConfigError, loadConfig } from "../server/config.ts";
import { applyMigrations, openDatabase } from "../server/db/connection.ts";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../server/db/embedded.ts";
import { DomainError } from "../server/platform/errors/index.ts";
import { translate } from "../server/platform/i18n/index.ts";
import { createServices } from "../server/services.ts";
import { createAdmin } from "./create-admin.ts";
import { createCityCommand } from "./create-city.ts";
import { seedDemo } from "./seed.ts";

/**
 * `civitas <command>`: operator tasks that need no web page. It uses the same configuration as the
 * server: DATABASE_URL, or the embedded PostgreSQL under ./data.
 */

const usage = `Usage: civitas <command> [options]

Commands:
  migrate                      Apply database migrations
  seed --demo                  Load the demo city (only into a database without cities)
  create-city --slug <slug> --name <name> --time-zone <zone> [--locale en] [--currency USD]
  create-admin --email <email> --name <name> (--city <slug> | --platform) [--password <password>]
                               Create (or find) an account and make it a city admin, or a
                               platform admin who can add cities and read all mail

Environment: DATABASE_URL (else an embedded PostgreSQL in EMBEDDED_POSTGRES_DIR), see README.`;

export type CommandArguments = Record<string, string | boolean | undefined>;

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${usage}\n`);
    return command ? 0 : 64;
  }
  const known = ["migrate", "seed", "create-city", "create-admin"];
  if (!known.includes(command)) {
    process.stderr.write(`civitas: unknown command "${command}"\n\n${usage}\n`);
    return 64;
  }
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      demo: { type: "boolean" },
      slug: { type: "string" },
      name: { type: "string" },
      "time-zone": { type: "string" },
      locale: { type: "string" },
      currency: { type: "string" },
      email: { type: "string" },
      city: { type: "string" },
      password: { type: "string" },
      platform: { type: "boolean" },
    },
  });

  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" }, []);
  const logger = pino({ level: config.logLevel === "silent" ? "silent" : config.logLevel });
  let embedded: EmbeddedDatabase | null = null;
  let url = config.database.url;
  if (!url) {
    embedded = await startEmbeddedPostgres({ directory: config.database.embeddedDirectory, port: config.database.embeddedPort });
    url = embedded.url;
  }
  try {
    await applyMigrations(url);
    if (command === "migrate") {
      process.stdout.write("Database is up to date.\n");
      return 0;
    }
    const database = openDatabase(url, 2, "civitas-cli");
    const services = createServices({ ...config, processRole: "web" }, database, logger);
    try {
      if (command === "seed") return await seedDemo(database, services, config, values);
      if (command === "create-city") return await createCityCommand(database, values);
      return await createAdmin(database, services, values);
    } finally {
      await services.close();
      await database.close();
    }
  } finally {
    await embedded?.stop();
  }
}

run(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`civitas: ${error.message}\n`);
      process.exit(78);
    }
    if (error instanceof DomainError) {
      const fields = error.fields.map((field) => `  --${field.field}: ${field.message ?? translate("en", field.messageKey, field.params)}`);
      process.stderr.write(`civitas: ${translate("en", error.messageKey, error.params)}\n${fields.join("\n")}${fields.length ? "\n" : ""}`);
      process.exit(65);
    }
    if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`civitas: ${(error as Error).message}\n\n${usage}\n`);
      process.exit(64);
    }
    process.stderr.write(`civitas: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });

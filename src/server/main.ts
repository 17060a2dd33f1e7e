import pino from "pino";
import { buildApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { withAdvisoryLock } from "./db/advisory-lock.ts";
import { applyMigrations, openDatabase } from "./db/connection.ts";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "./db/embedded.ts";
import { isDatabaseEmpty, seedDemoCity } from "./seed/demo-city.ts";
import { createServices } from "./services.ts";

/** Process entry: configuration → database → migrations → services → HTTP and jobs; graceful shutdown. */

const seedLockKey = 7_316_021_882;

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = pino({ level: config.logLevel === "silent" ? "silent" : config.logLevel });

  let embedded: EmbeddedDatabase | null = null;
  let url = config.database.url;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      directory: config.database.embeddedDirectory,
      port: config.database.embeddedPort,
      log: (message) => logger.info(message),
    });
    url = embedded.url;
    logger.info(
      { directory: config.database.embeddedDirectory, port: config.database.embeddedPort },
      "using embedded PostgreSQL (set DATABASE_URL to use your own server)",
    );
  }

  await applyMigrations(url);
  const database = openDatabase(url, config.database.poolSize);
  const services = createServices(config, database, logger);

  if (config.seedDemo) {
    await withAdvisoryLock(url, seedLockKey, async () => {
      if (await isDatabaseEmpty(database.db)) {
        const seeded = await seedDemoCity(database.db, services.auth, { password: config.demoPassword });
        logger.info(
          { city: seeded.city.slug, accounts: seeded.accounts },
          `demo city loaded: sign in as ${seeded.accounts[0]} with the demo password (DEMO_PASSWORD)`,
        );
      }
    });
  }
  if (config.environment === "production" && services.mailer.transport === "outbox") {
    logger.warn("SMTP_URL is not set: mail, including sign-in links, goes to the outbox that city admins can read");
  }

  await services.jobs.start();
  const app = config.processRole === "jobs" ? null : await buildApp(config, database, services);
  if (app) {
    await app.listen({ host: config.host, port: config.port });
    logger.info(`Civitas is ready at ${config.publicUrl}`);
  } else {
    logger.info("running background jobs only (PROCESS_ROLE=jobs)");
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing requests in flight");
    const forced = setTimeout(() => {
      logger.error("shutdown took longer than 20 s; exiting");
      process.exit(1);
    }, 20_000);
    forced.unref();
    try {
      await app?.close();
      await services.close();
      await database.close();
      await embedded?.stop();
    } catch (error) {
      logger.error({ err: error }, "error during shutdown");
    }
    clearTimeout(forced);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error) => {
  console.error("Civitas could not start:", error);
  process.exit(1);
});

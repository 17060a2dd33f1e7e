import { z } from "zod";

/**
 * Every setting Civitas reads from its environment, parsed once at start-up.
 * The README's configuration table lists the same variables; keep the two in step.
 */

const booleanFromText = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

const port = z.coerce
  .number({ error: "must be a number" })
  .int({ error: "must be a whole number" })
  .min(0, { error: "must be between 0 and 65535" })
  .max(65535, { error: "must be between 0 and 65535" });

const absoluteUrl = z.url({ error: "must be an absolute URL such as https://civitas.example.org" });

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\/.+/, { error: "must be a postgres:// or postgresql:// connection URL" });

const environmentSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"], { error: "must be development, production or test" }).default("development"),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: port.default(3000),
  PUBLIC_URL: absoluteUrl.optional(),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number({ error: "must be a number" }).int().min(1).max(500, { error: "must be at most 500" }).default(20),
  EMBEDDED_POSTGRES_DIR: z.string().min(1).default("./data/postgres"),
  EMBEDDED_POSTGRES_PORT: port.default(54329),
  AUTH_SECRET: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, { error: "must be an smtp:// or smtps:// URL" })
    .optional(),
  MAIL_FROM: z.string().min(3).default("Civitas <no-reply@localhost>"),
  CAMPAIGN_RATE_PER_MINUTE: z.coerce
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .max(10_000_000, { error: "must be at most 10000000" })
    .default(120_000),
  CAMPAIGN_RETRY_SECONDS: z.coerce.number({ error: "must be a number" }).positive({ error: "must be more than 0" }).max(86_400).default(60),
  CAMPAIGN_MAX_ATTEMPTS: z.coerce.number({ error: "must be a number" }).int({ error: "must be a whole number" }).min(1).max(50).default(6),
  CAMPAIGN_LEASE_SECONDS: z.coerce.number({ error: "must be a number" }).positive({ error: "must be more than 0" }).max(3600).default(120),
  CAMPAIGN_CONCURRENCY: z.coerce.number({ error: "must be a number" }).int({ error: "must be a whole number" }).min(1).max(200).default(32),
  OIDC_ISSUER: absoluteUrl.optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).default("City single sign-on"),
  PROCESS_ROLE: z.enum(["all", "web", "jobs"], { error: "must be all, web or jobs" }).default("all"),
  SEED_DEMO: booleanFromText.optional(),
  DEMO_PASSWORD: z.string().min(12, { error: "must be at least 12 characters" }).default("civitas-demo-2026"),
  RATE_LIMITS: booleanFromText.default(true),
  TRUST_PROXY: z.string().default("loopback"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "must be one of fatal, error, warn, info, debug, trace, silent" })
    .default("info"),
  WEB_DIST_DIR: z.string().min(1).default("./dist/web"),
  GITHUB_WEBHOOK_SECRET: z.string().min(16, { error: "must be at least 16 characters" }).optional(),
  FEDERATION_ALLOW_PRIVATE_ADDRESSES: booleanFromText.default(false),
  FEDERATION_RETRY_SECONDS: z.coerce.number({ error: "must be a number" }).positive({ error: "must be more than 0" }).max(86_400).default(60),
  FEDERATION_CIRCUIT_BREAKER: booleanFromText.default(true),
  FEDERATION_CONCURRENCY: z.coerce.number({ error: "must be a number" }).int({ error: "must be a whole number" }).min(1).max(64).default(4),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface Config {
  environment: "development" | "production" | "test";
  host: string;
  port: number;
  publicUrl: string;
  database: { url: string | undefined; poolSize: number; embeddedDirectory: string; embeddedPort: number };
  authSecret: string | undefined;
  mail: { smtpUrl: string | undefined; from: string };
  /** Sending campaigns: a throttle per sending process, retries of temporary failures, and the lease that lets another sender resume. */
  campaigns: { ratePerMinute: number; retrySeconds: number; maxAttempts: number; leaseSeconds: number; concurrency: number };
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | undefined;
  processRole: "all" | "web" | "jobs";
  seedDemo: boolean;
  demoPassword: string;
  rateLimits: boolean;
  trustProxy: boolean | number | string;
  logLevel: Environment["LOG_LEVEL"];
  webDistDirectory: string;
  /** Verifies the signature of GitHub's webhook deliveries; without it the webhook endpoint is off. */
  github: { webhookSecret: string | undefined };
  /** ActivityPub: private addresses (for instances side by side on one machine), delivery retries and the circuit breaker. */
  federation: { allowPrivateAddresses: boolean; retryInitialSeconds: number; circuitBreaker: boolean; concurrency: number };
}

export class ConfigError extends Error {}

/** Parses the environment; throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(environment: Record<string, string | undefined> = process.env, argv: string[] = process.argv): Config {
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    const got = present[name];
    const shown = got === undefined ? "" : ` (got "${name.includes("SECRET") || name.includes("PASSWORD") ? "…" : got}")`;
    throw new ConfigError(`Invalid configuration: ${name} ${issue?.message ?? "is invalid"}${shown}`);
  }
  const env = parsed.data;

  const oidcParts = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    const missing = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"].filter((_, index) => !oidcParts[index]);
    throw new ConfigError(`Invalid configuration: ${missing[0]} must be set when any OIDC_ variable is set`);
  }
  if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
    throw new ConfigError("Invalid configuration: AUTH_SECRET must be set in production (at least 32 random characters)");
  }
  if (env.NODE_ENV === "production" && !env.PUBLIC_URL) {
    throw new ConfigError("Invalid configuration: PUBLIC_URL must be set in production (the address residents use)");
  }

  let processRole = env.PROCESS_ROLE;
  if (argv.includes("--web-only")) processRole = "web";
  if (argv.includes("--jobs-only")) processRole = "jobs";

  return {
    environment: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    database: {
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      embeddedDirectory: env.EMBEDDED_POSTGRES_DIR,
      embeddedPort: env.EMBEDDED_POSTGRES_PORT,
    },
    authSecret: env.AUTH_SECRET,
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
    campaigns: {
      ratePerMinute: env.CAMPAIGN_RATE_PER_MINUTE,
      retrySeconds: env.CAMPAIGN_RETRY_SECONDS,
      maxAttempts: env.CAMPAIGN_MAX_ATTEMPTS,
      leaseSeconds: env.CAMPAIGN_LEASE_SECONDS,
      concurrency: env.CAMPAIGN_CONCURRENCY,
    },
    oidc:
      env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
        ? { issuer: env.OIDC_ISSUER.replace(/\/$/, ""), clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET, name: env.OIDC_NAME }
        : undefined,
    processRole,
    seedDemo: env.SEED_DEMO ?? env.NODE_ENV !== "production",
    demoPassword: env.DEMO_PASSWORD,
    rateLimits: env.RATE_LIMITS,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    logLevel: env.LOG_LEVEL,
    webDistDirectory: env.WEB_DIST_DIR,
    github: { webhookSecret: env.GITHUB_WEBHOOK_SECRET },
    federation: {
      allowPrivateAddresses: env.FEDERATION_ALLOW_PRIVATE_ADDRESSES,
      retryInitialSeconds: env.FEDERATION_RETRY_SECONDS,
      circuitBreaker: env.FEDERATION_CIRCUIT_BREAKER,
      concurrency: env.FEDERATION_CONCURRENCY,
    },
  };
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === "true") return true;
  if (value === "false") return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

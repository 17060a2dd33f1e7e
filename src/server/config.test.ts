import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("configuration", () => {
  it("has working defaults for a development machine", () => {
    const config = loadConfig({}, []);
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe("http://localhost:3000");
    expect(config.database.url).toBeUndefined();
    expect(config.seedDemo).toBe(true);
    expect(config.processRole).toBe("all");
    expect(config.oidc).toBeUndefined();
    expect(config.campaigns).toEqual({ ratePerMinute: 120_000, retrySeconds: 60, maxAttempts: 6, leaseSeconds: 120, concurrency: 32 });
    expect(config.github.webhookSecret).toBeUndefined();
  });

  it("reads the GitHub webhook secret", () => {
    expect(loadConfig({ GITHUB_WEBHOOK_SECRET: "a-webhook-secret-of-some-length" }, []).github).toEqual({ webhookSecret: "a-webhook-secret-of-some-length" });
  });

  it("reads the campaign sending settings", () => {
    const config = loadConfig(
      { CAMPAIGN_RATE_PER_MINUTE: "600", CAMPAIGN_RETRY_SECONDS: "0.5", CAMPAIGN_MAX_ATTEMPTS: "3", CAMPAIGN_LEASE_SECONDS: "5", CAMPAIGN_CONCURRENCY: "4" },
      [],
    );
    expect(config.campaigns).toEqual({ ratePerMinute: 600, retrySeconds: 0.5, maxAttempts: 3, leaseSeconds: 5, concurrency: 4 });
  });

  it("derives the public URL from PORT and strips a trailing slash from PUBLIC_URL", () => {
    expect(loadConfig({ PORT: "4100" }, []).publicUrl).toBe("http://localhost:4100");
    expect(loadConfig({ PUBLIC_URL: "https://civitas.example.org/" }, []).publicUrl).toBe("https://civitas.example.org");
  });

  it.each([
    [{ PORT: "abc" }, /^Invalid configuration: PORT must be a number \(got "abc"\)$/],
    [{ PORT: "70000" }, /^Invalid configuration: PORT must be between 0 and 65535/],
    [{ DATABASE_URL: "mysql://x" }, /^Invalid configuration: DATABASE_URL must be a postgres:\/\//],
    [{ PROCESS_ROLE: "worker" }, /^Invalid configuration: PROCESS_ROLE must be all, web or jobs/],
    [{ SEED_DEMO: "maybe" }, /^Invalid configuration: SEED_DEMO must be true or false/],
    [{ CAMPAIGN_RATE_PER_MINUTE: "fast" }, /^Invalid configuration: CAMPAIGN_RATE_PER_MINUTE must be a number \(got "fast"\)$/],
    [{ CAMPAIGN_RATE_PER_MINUTE: "0" }, /^Invalid configuration: CAMPAIGN_RATE_PER_MINUTE must be at least 1/],
    [{ AUTH_SECRET: "short" }, /^Invalid configuration: AUTH_SECRET must be at least 32 characters \(got "…"\)$/],
    [{ GITHUB_WEBHOOK_SECRET: "short" }, /^Invalid configuration: GITHUB_WEBHOOK_SECRET must be at least 16 characters \(got "…"\)$/],
    [{ OIDC_ISSUER: "https://id.example.org" }, /^Invalid configuration: OIDC_CLIENT_ID must be set when any OIDC_ variable is set$/],
    [{ NODE_ENV: "production", PUBLIC_URL: "https://x.example" }, /^Invalid configuration: AUTH_SECRET must be set in production/],
  ])("refuses %o with one line naming the variable", (environment, message) => {
    let caught: unknown;
    try {
      loadConfig(environment, []);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).not.toContain("\n");
  });

  it("lets a flag choose a web-only or jobs-only process", () => {
    expect(loadConfig({}, ["node", "main.ts", "--web-only"]).processRole).toBe("web");
    expect(loadConfig({}, ["node", "main.ts", "--jobs-only"]).processRole).toBe("jobs");
    expect(loadConfig({ PROCESS_ROLE: "jobs" }, []).processRole).toBe("jobs");
  });

  it("does not seed the demo city in production unless asked", () => {
    const production = { NODE_ENV: "production", PUBLIC_URL: "https://x.example", AUTH_SECRET: "x".repeat(40) };
    expect(loadConfig(production, []).seedDemo).toBe(false);
    expect(loadConfig({ ...production, SEED_DEMO: "true" }, []).seedDemo).toBe(true);
  });
});

import { defineConfig } from "@playwright/test";

/**
 * Browser tests: every page (axe, one h1, no console errors, no sideways scrolling at 360 px, Spanish)
 * and the main journeys. `npm run build` first; the web server below starts Civitas on a fresh
 * database with the demo city (e2e/start-server.ts).
 */

const port = Number(process.env.E2E_PORT ?? 3200);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: 2,
  // Generous: the machines that run this are small and shared, and a slow page is not a failing one.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  // PLAYWRIGHT_JSON_OUTPUT_FILE lets a wrapper (such as scripts/test.ts) put the JSON report elsewhere.
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? "reports/playwright.json" }]],
  use: {
    baseURL,
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    locale: "en-US",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "node e2e/start-server.ts",
    url: `${baseURL}/api/health/ready`,
    env: { E2E_PORT: String(port) },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});

import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { freshDatabase, startCivitas } from "./support.ts";

/**
 * First load of the public pages: the JavaScript and CSS a resident's browser downloads to show each
 * one, gzipped (the target in product.md is 200 KB). Needs the built web app (`npm run build`) and
 * Chromium (`/usr/bin/chromium` or CHROMIUM_PATH). Sizes do not depend on the machine, so they are
 * reported as they are, with the largest page's share of the budget.
 */
const budgetBytes = 200 * 1024;

export async function runPageWeight() {
  const database = await freshDatabase("civitas_bench_weight", false);
  const server = await startCivitas(database.url, { SEED_DEMO: "true", DEMO_PASSWORD: "benchmark-demo-password" });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const catalog = (await (await fetch(`${server.url}/api/v1/cities/springfield/catalog?kind=software`)).json()) as { items: { id: string }[] };
    const processes = (await (await fetch(`${server.url}/api/v1/cities/springfield/processes`)).json()) as { processes: { id: string }[] };
    const paths = [
      "/",
      "/springfield",
      "/springfield/opportunities",
      "/springfield/problems",
      "/springfield/bounties",
      "/springfield/spend",
      "/springfield/insights",
      "/springfield/processes",
      `/springfield/processes/${processes.processes[0]?.id ?? ""}`,
      "/springfield/catalog",
      `/springfield/catalog/${catalog.items[0]?.id ?? ""}`,
      "/springfield/impact",
      "/springfield/impact/agencies/parks",
      "/springfield/open-data",
      "/springfield/groups",
      "/springfield/groups/code-for-springfield",
      "/springfield/projects",
    ];
    const pages: Record<string, number> = {};
    for (const path of paths) {
      // A new context each time: nothing cached from the page before, as on a first visit.
      const context = await browser.newContext();
      const page = await context.newPage();
      const bodies = new Map<string, Promise<Buffer>>();
      page.on("response", (response) => {
        const url = new URL(response.url());
        if (/\.(js|css)$/.test(url.pathname) && !bodies.has(url.pathname)) bodies.set(url.pathname, response.body());
      });
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState("networkidle");
      let bytes = 0;
      for (const body of bodies.values()) bytes += gzipSync(await body, { level: 9 }).length;
      pages[path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, ":id")] = Math.round((bytes / 1024) * 10) / 10;
      await context.close();
    }
    const largest = Math.max(...Object.values(pages));
    return {
      kilobytes_gzipped: pages,
      largest_kb: largest,
      budget_kb: budgetBytes / 1024,
      largest_share_of_budget: Math.round((largest / (budgetBytes / 1024)) * 1000) / 1000,
    };
  } finally {
    await browser.close();
    await server.stop();
    await database.drop();
  }
}

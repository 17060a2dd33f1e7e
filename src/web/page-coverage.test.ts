import { matchRoutes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { pageSamples, parametersOf, urlParameters } from "../../e2e/pages.ts";

/**
 * The browser tests (e2e/every-page.spec.ts) check every page with axe, but only the pages listed
 * in e2e/pages.ts. This fails when a page is added to the router without a sample there.
 */

// The router module builds a browser router when imported; here only its list of paths matters.
vi.mock("react-router", async (importOriginal) => ({
  ...(await importOriginal<typeof import("react-router")>()),
  createBrowserRouter: () => ({}),
}));

const { pagePaths } = await import("./router.tsx");

describe("browser test coverage of the pages", () => {
  it("reads the router's page list", () => {
    expect(pagePaths).toContain("/");
    expect(pagePaths).toContain("*");
    expect(pagePaths.length).toBeGreaterThan(2);
  });

  it("has a sample in e2e/pages.ts for every pattern in pagePaths", () => {
    const covered = new Set(pageSamples.map((sample) => sample.pattern));
    expect(pagePaths.filter((pattern) => !covered.has(pattern))).toEqual([]);
  });

  it("lists only patterns the router has", () => {
    expect(pageSamples.map((sample) => sample.pattern).filter((pattern) => !pagePaths.includes(pattern))).toEqual([]);
  });

  it("gives each sample an address that the router sends to that sample's pattern", () => {
    const routes = pagePaths.map((path) => ({ path }));
    const misrouted = pageSamples
      .map((sample) => {
        const path = sample.url.replace(/\{(\w+)\}/g, "sample-$1").split("?")[0] ?? "";
        const matched = matchRoutes(routes, path)?.at(-1)?.route.path;
        return { url: sample.url, pattern: sample.pattern, matched };
      })
      .filter((result) => result.matched !== result.pattern);
    expect(misrouted).toEqual([]);
  });

  it("uses only parameters the browser tests know how to fill in", () => {
    const known: readonly string[] = urlParameters;
    expect(pageSamples.flatMap((sample) => parametersOf(sample.url)).filter((name) => !known.includes(name))).toEqual([]);
  });
});

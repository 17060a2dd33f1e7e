import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImpactOverviewView, OpenDataIndexView } from "../../../contracts/impact.ts";
import { seedDemoCity } from "../../seed/demo-city.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";

let t: TestApp;
const base = "/api/v1/cities/springfield";

/** Every demo volunteer's name (src/server/seed/demo-city.ts). */
const volunteerNames = ["Chris Okafor", "Dana Kim", "Luis Hernández", "Priya Shah", "Tom Becker", "Ana Souza"];
const email = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const phone = /(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/;

beforeAll(async () => {
  t = await startTestApp();
  await seedDemoCity(t.database.db, t.services.auth, { password: "demo-password-long-enough" });
});
afterAll(async () => t?.close());

function parseCsv(text: string): string[][] {
  // The files' cells hold no commas or quotes except in names, which these tests do not split.
  return text
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(","));
}

describe("the open data", () => {
  it("serves every dataset as CSV and JSON with the documented fields, the same rows in both, and figures that match the pages'", async () => {
    const index: OpenDataIndexView = (await t.request({ method: "GET", url: `${base}/open-data` })).json();
    expect(index.license).toBe("CC0-1.0");
    const overview: ImpactOverviewView = (await t.request({ method: "GET", url: `${base}/impact` })).json();
    for (const dataset of index.datasets) {
      const csv = await t.request({ method: "GET", url: dataset.csv });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toContain("text/csv");
      const json = await t.request({ method: "GET", url: dataset.json });
      expect(json.statusCode).toBe(200);
      const body = json.json();
      expect(body.fields).toEqual(dataset.fields);
      const [header, ...rows] = parseCsv(csv.body);
      expect(header).toEqual(dataset.fields.map((field) => field.name));
      expect(rows.length).toBe(body.rows.length);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of body.rows) {
        expect(Object.keys(row)).toEqual(dataset.fields.map((field) => field.name));
        for (const field of dataset.fields) {
          const value = row[field.name];
          if (value === null) continue;
          if (field.type === "string") expect(typeof value).toBe("string");
          else expect(Number.isFinite(value)).toBe(true);
          if (field.type === "integer") expect(Number.isInteger(value)).toBe(true);
        }
      }
    }

    const byYear = (await t.request({ method: "GET", url: `${base}/open-data/impact-by-year.json` })).json().rows;
    expect(byYear.map((row: { fiscal_year: number }) => row.fiscal_year)).toEqual(overview.years.map((year) => year.fiscalYear));
    for (const [index, year] of overview.years.entries()) {
      expect(byYear[index]).toMatchObject({
        federal_amount: year.federalMinor / 100,
        offsets_total: year.offsets.totalMinor / 100,
        volunteer_value: year.offsets.volunteerValueMinor / 100,
        volunteer_hour_value: 34.79,
        volunteer_hour_value_source: "Independent Sector",
        currency: "USD",
      });
    }
  });

  it("holds no email address, phone number or volunteer name in any file", async () => {
    const index: OpenDataIndexView = (await t.request({ method: "GET", url: `${base}/open-data` })).json();
    const files = [`${base}/open-data`, `${base}/impact`, `${base}/impact/exposure`, ...index.datasets.flatMap((dataset) => [dataset.csv, dataset.json])];
    const overview: ImpactOverviewView = (await t.request({ method: "GET", url: `${base}/impact` })).json();
    for (const agency of overview.agencies) files.push(`${base}/impact/agencies/${agency.slug}`);
    for (const file of files) {
      const body = (await t.request({ method: "GET", url: file })).body;
      expect(body, file).not.toMatch(email);
      expect(body, file).not.toMatch(phone);
      for (const name of volunteerNames) expect(body, file).not.toContain(name);
    }
    // The checks themselves find what they look for.
    expect("write to dana@springfield.example").toMatch(email);
    expect("call (217) 555-0134").toMatch(phone);
    expect("call +1 217 555 0134").toMatch(phone);
    expect("fiscal year 2026-07-01, 1,234,567.89").not.toMatch(phone);
  });

  it("answers an unknown file with a clear 404", async () => {
    const missing = await t.request({ method: "GET", url: `${base}/open-data/volunteers.csv` });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toContain("application/problem+json");
    expect(missing.json().detail).toContain("volunteers.csv");
  });
});

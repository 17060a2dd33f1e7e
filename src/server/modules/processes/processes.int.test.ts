import { BpmnModdle } from "bpmn-moddle";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProcessContentInput } from "../../../contracts/processes.ts";
import { auditEvents } from "../../platform/audit/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { processSavingsOf } from "./find-processes.ts";
import { processes, processRevisions } from "./schema.ts";

let t: TestApp;
let city: City;
let dso: string;
let parksStaff: string;
let libraryStaff: string;
let resident: string;
let parks: { id: string };
let library: { id: string };

const base = "/api/v1/cities/millbrook";

// The worked example of src/contracts/process-cost.test.ts, as a process: 1,200 permits a year.
const asIs: ProcessContentInput = {
  name: "Picnic shelter permit",
  purpose: "Reserve a shelter for a group event.",
  serviceUsers: "Residents and clubs",
  annualVolume: 1200,
  steps: [
    { key: "receive", name: "Receive the form", actorRole: "Permit clerk", channel: "counter", handlingMinutes: 15, waitingMinutes: 0 },
    { key: "check", name: "Check the form", actorRole: "Permit clerk", channel: "paper", handlingMinutes: 10, waitingMinutes: 2880 },
    { key: "call", name: "Call about gaps", actorRole: "Permit clerk", channel: "phone", handlingMinutes: 12, waitingMinutes: 60, sharePercent: 30 },
    {
      key: "inspect",
      name: "Review the site plan",
      actorRole: "Building inspector",
      channel: "paper",
      handlingMinutes: 45,
      waitingMinutes: 4320,
      decision: { condition: "Plan incomplete?", goToStepKey: "check" },
    },
    { key: "sign", name: "Sign the permit", actorRole: "Supervisor", channel: "email", handlingMinutes: 5, waitingMinutes: 1440 },
  ],
};

function toBeOf(content: ProcessContentInput): ProcessContentInput {
  const [, , , inspect, sign] = content.steps;
  if (!inspect || !sign) throw new Error("five steps");
  return {
    ...content,
    steps: [
      { key: "apply", name: "Apply online", actorRole: "Applicant", channel: "online", handlingMinutes: 0, waitingMinutes: 0 },
      { key: "call", name: "Message about gaps", actorRole: "Permit clerk", channel: "online", handlingMinutes: 5, waitingMinutes: 60, sharePercent: 10 },
      { ...inspect, decision: null },
      { ...sign, channel: "online" },
    ],
  };
}

async function createProcess(cookie: string, agencyId: string, content: ProcessContentInput = asIs) {
  return t.request({ method: "POST", url: `${base}/processes`, cookie, body: { agencyId, content, message: "As documented with the permit desk" } });
}

beforeAll(async () => {
  t = await startTestApp({ PROCESS_ROLE: "web" });
  city = await t.createCity("millbrook");
  parks = await t.createAgency(city, "parks", "Parks");
  library = await t.createAgency(city, "library", "Library");
  dso = (await t.personWithRoles(city, "dso@millbrook.example", [{ role: "dso_staff" }])).cookie;
  parksStaff = (await t.personWithRoles(city, "ranger@millbrook.example", [{ role: "agency_staff", agencyId: parks.id }])).cookie;
  libraryStaff = (await t.personWithRoles(city, "reader@millbrook.example", [{ role: "agency_staff", agencyId: library.id }])).cookie;
  resident = await t.signIn("resident@millbrook.example");
  const rates = await t.request({
    method: "PUT",
    url: `${base}/process-rates`,
    cookie: dso,
    body: {
      rates: [
        { role: "Permit clerk", hourlyRateMinor: 3000 },
        { role: "Building inspector", hourlyRateMinor: 4800 },
        { role: "Supervisor", hourlyRateMinor: 6000 },
      ],
    },
  });
  expect(rates.statusCode).toBe(200);
});
afterAll(async () => t?.close());

describe("the rate table", () => {
  it("is replaced whole by the DSO, audited, refused to agency staff, and refuses a role twice", async () => {
    const read = await t.request({ method: "GET", url: `${base}/process-rates`, cookie: parksStaff });
    expect(read.json()).toEqual({
      currency: "USD",
      rates: [
        { role: "Building inspector", hourlyRateMinor: 4800 },
        { role: "Permit clerk", hourlyRateMinor: 3000 },
        { role: "Supervisor", hourlyRateMinor: 6000 },
      ],
    });
    const byStaff = await t.request({ method: "PUT", url: `${base}/process-rates`, cookie: parksStaff, body: { rates: [] } });
    expect(byStaff.statusCode).toBe(403);
    const twice = await t.request({
      method: "PUT",
      url: `${base}/process-rates`,
      cookie: dso,
      body: {
        rates: [
          { role: "Clerk", hourlyRateMinor: 1 },
          { role: "clerk", hourlyRateMinor: 2 },
        ],
      },
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0]).toMatchObject({ field: "rates.1.role" });
    expect((await t.request({ method: "GET", url: `${base}/process-rates`, cookie: dso })).json().rates).toHaveLength(3);
    const audited = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.cityId, city.id), eq(auditEvents.action, "process.rates-updated")));
    expect(audited).toHaveLength(1);
  });
});

describe("documenting a process", () => {
  it("creates revision 1 with the Standard Cost Model figures, for the agency's own staff only", async () => {
    const created = await createProcess(parksStaff, parks.id);
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ agencyName: "Parks", currentRevision: 1, published: false, canEdit: true, comparison: null });
    expect(body.figures).toMatchObject({
      costPerTransactionMinor: 5530,
      annualCostMinor: 6_636_000,
      annualStaffHours: 1572,
      cycleTimeMinutes: 8736.6,
      digitalStepShare: 0,
    });
    expect(body.content.steps[3].decision).toEqual({ condition: "Plan incomplete?", goToStepKey: "check" });

    expect((await createProcess(libraryStaff, parks.id)).statusCode).toBe(403);
    // Someone who holds no role in the city is not told the city's private routes exist.
    expect((await createProcess(resident, parks.id)).statusCode).toBe(404);
    const unknownAgency = await createProcess(dso, "01900000-0000-7000-8000-000000000000");
    expect(unknownAgency.statusCode).toBe(400);
    expect(unknownAgency.json().errors[0].field).toBe("agencyId");
  });

  it("refuses bad steps with the field named, and saves nothing", async () => {
    const before = await t.database.db.select().from(processes).where(eq(processes.cityId, city.id));
    const bad = await createProcess(dso, parks.id, {
      ...asIs,
      steps: [
        { key: "a", name: "One", actorRole: "Clerk", channel: "fax" as "paper", handlingMinutes: -1, waitingMinutes: 0 },
        {
          key: "b",
          name: "Two",
          actorRole: "Clerk",
          channel: "paper",
          handlingMinutes: 1,
          waitingMinutes: 0,
          decision: { condition: "Again?", goToStepKey: "nowhere" },
        },
      ],
    });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json().errors as { field: string }[]).map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(["content.steps.0.channel", "content.steps.0.handlingMinutes"]));
    const after = await t.database.db.select().from(processes).where(eq(processes.cityId, city.id));
    expect(after).toHaveLength(before.length);
  });

  it("keeps every save as an immutable revision, refuses a stale save, shows a diff, and compares as-is with to-be", async () => {
    const created = (await createProcess(dso, parks.id)).json();
    const url = `${base}/processes/${created.id}`;
    const saved = await t.request({
      method: "POST",
      url: `${url}/revisions`,
      cookie: parksStaff,
      body: { baseRevision: 1, content: toBeOf(asIs), message: "Move the form online" },
    });
    expect(saved.statusCode).toBe(201);
    expect(saved.json().currentRevision).toBe(2);
    // Someone still editing revision 1 cannot overwrite revision 2.
    const stale = await t.request({ method: "POST", url: `${url}/revisions`, cookie: dso, body: { baseRevision: 1, content: asIs, message: "Late save" } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toContain("revision 2");
    // Other agencies' staff cannot save.
    expect(
      (await t.request({ method: "POST", url: `${url}/revisions`, cookie: libraryStaff, body: { baseRevision: 2, content: asIs, message: "x" } })).statusCode,
    ).toBe(403);

    const revisions = (await t.request({ method: "GET", url: `${url}/revisions`, cookie: dso })).json().revisions;
    expect(revisions.map((revision: { number: number; message: string }) => [revision.number, revision.message])).toEqual([
      [2, "Move the form online"],
      [1, "As documented with the permit desk"],
    ]);
    expect(revisions[0].authorName).toBe("ranger");
    const first = (await t.request({ method: "GET", url: `${url}/revisions/1`, cookie: dso })).json();
    expect(first.content.steps).toHaveLength(5);
    expect(first.figures.annualCostMinor).toBe(6_636_000);

    // Revisions cannot be changed, even by the database's own users.
    await expect(t.database.pool.query("update process_revisions set message = 'rewritten' where process_id = $1", [created.id])).rejects.toThrow(
      /cannot be changed/,
    );

    const diff = (await t.request({ method: "GET", url: `${url}/diff?from=1&to=2`, cookie: dso })).json();
    expect(diff.steps.map((step: { key: string; change: string }) => `${step.key}:${step.change}`)).toEqual([
      "apply:added",
      "receive:removed",
      "call:changed",
      "check:removed",
      "inspect:changed",
      "sign:changed",
    ]);

    const badMark = await t.request({ method: "PUT", url: `${url}/marks`, cookie: dso, body: { asIsRevision: 1, toBeRevision: 7 } });
    expect(badMark.statusCode).toBe(400);
    expect(badMark.json().errors[0].field).toBe("toBeRevision");
    const marked = await t.request({ method: "PUT", url: `${url}/marks`, cookie: dso, body: { asIsRevision: 1, toBeRevision: 2 } });
    expect(marked.statusCode).toBe(200);
    expect(marked.json().comparison.saving).toEqual({
      annualCostSavedMinor: 1_686_000,
      annualHoursSaved: 562,
      costPerTransactionSavedMinor: 1405,
      cycleTimeSavedMinutes: 2920.1,
    });
    const savings = await processSavingsOf(t.database.db, city.id);
    expect(savings.find((saving) => saving.processId === created.id)).toMatchObject({ annualCostSavedMinor: 1_686_000, annualHoursSaved: 562 });
  });

  it("saves exactly one of two concurrent saves from the same revision", async () => {
    const created = (await createProcess(dso, parks.id)).json();
    const url = `${base}/processes/${created.id}/revisions`;
    const results = await Promise.all(
      [1, 2, 3, 4].map((index) =>
        t.request({ method: "POST", url, cookie: dso, body: { baseRevision: 1, content: { ...asIs, name: `Version ${index}` }, message: `Save ${index}` } }),
      ),
    );
    expect(results.map((result) => result.statusCode).sort()).toEqual([201, 409, 409, 409]);
    const rows = await t.database.db.select().from(processRevisions).where(eq(processRevisions.processId, created.id));
    expect(rows.map((row) => row.number).sort()).toEqual([1, 2]);
  });
});

describe("publishing and exporting", () => {
  it("shows a published process to anyone, never staff names; an unpublished one only to staff", async () => {
    const created = (await createProcess(parksStaff, parks.id)).json();
    const url = `${base}/processes/${created.id}`;
    expect((await t.request({ method: "GET", url })).statusCode).toBe(404);
    expect((await t.request({ method: "GET", url: `${url}/export.json` })).statusCode).toBe(404);
    expect((await t.request({ method: "GET", url: `${base}/processes` })).json().processes.some((item: { id: string }) => item.id === created.id)).toBe(false);
    expect(
      (await t.request({ method: "GET", url: `${base}/processes`, cookie: libraryStaff }))
        .json()
        .processes.some((item: { id: string }) => item.id === created.id),
    ).toBe(true);
    expect((await t.request({ method: "PUT", url: `${url}/publication`, cookie: libraryStaff, body: { published: true } })).statusCode).toBe(403);

    const published = await t.request({ method: "PUT", url: `${url}/publication`, cookie: parksStaff, body: { published: true } });
    expect(published.statusCode).toBe(200);
    const publicView = await t.request({ method: "GET", url });
    expect(publicView.statusCode).toBe(200);
    expect(publicView.json()).toMatchObject({ published: true, canEdit: false });
    expect(publicView.body).not.toContain("ranger");
    expect((await t.request({ method: "GET", url: `${url}/revisions` })).statusCode).toBe(401);
    expect((await t.request({ method: "GET", url: `${url}/export.json?revision=1` })).statusCode).toBe(200);
    expect((await t.request({ method: "GET", url: `${base}/processes` })).json().processes.some((item: { id: string }) => item.id === created.id)).toBe(true);
  });

  it("exports JSON that imports back to exactly the same content, BPMN that bpmn-moddle reads, and Markdown in the reader's language", async () => {
    const created = (await createProcess(dso, parks.id)).json();
    const url = `${base}/processes/${created.id}`;
    const json = await t.request({ method: "GET", url: `${url}/export.json`, cookie: dso });
    expect(json.headers["content-disposition"]).toContain("picnic-shelter-permit.json");
    const document = JSON.parse(json.body);
    const imported = await t.request({ method: "POST", url: `${base}/processes/import`, cookie: dso, body: { agencyId: library.id, document } });
    expect(imported.statusCode).toBe(201);
    expect(imported.json().content).toEqual(created.content);
    const again = JSON.parse((await t.request({ method: "GET", url: `${base}/processes/${imported.json().id}/export.json`, cookie: dso })).body);
    expect(again).toEqual(document);

    const notOurs = await t.request({
      method: "POST",
      url: `${base}/processes/import`,
      cookie: dso,
      body: { agencyId: library.id, document: { ...document, format: "other" } },
    });
    expect(notOurs.statusCode).toBe(400);
    expect(notOurs.json().errors[0]).toMatchObject({ field: "document.format", message: "This is not a Civitas process file." });

    const bpmn = await t.request({ method: "GET", url: `${url}/export.bpmn`, cookie: dso });
    expect(bpmn.headers["content-type"]).toContain("application/xml");
    const { warnings, rootElement } = await new BpmnModdle().fromXML(bpmn.body);
    expect(warnings).toEqual([]);
    expect(JSON.stringify((rootElement.get("rootElements") as unknown[]).length)).toBe("2");

    const spanish = await t.request({ method: "GET", url: `${url}/export.md`, cookie: dso, headers: { "accept-language": "es" } });
    expect(spanish.headers["content-type"]).toContain("text/markdown");
    expect(spanish.body).toContain("Costo por trámite: 55,30");
    expect(spanish.body).toContain("| 4 | Review the site plan | Building inspector | Papel |");
  });
});

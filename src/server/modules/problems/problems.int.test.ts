import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { problemSupports, problems } from "./schema.ts";

let t: TestApp;
let city: City;
let parks: { id: string };
let library: { id: string };
let dso: string;
let parksClerk: string;
let resident: string;
let neighbour: string;

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("brookfield");
  parks = await t.createAgency(city, "parks", "Parks");
  library = await t.createAgency(city, "library", "Library");
  dso = (await t.personWithRoles(city, "dso@brookfield.example", [{ role: "dso_staff" }])).cookie;
  parksClerk = (await t.personWithRoles(city, "clerk@brookfield.example", [{ role: "agency_staff", agencyId: parks.id }])).cookie;
  resident = await t.signIn("resident@elsewhere.example");
  neighbour = (await t.personWithRoles(city, "neighbour@brookfield.example", [{ role: "volunteer" }])).cookie;
});
afterAll(async () => t?.close());

const base = "/api/v1/cities/brookfield/problems";

const permitProblem = {
  title: "Shelter permits on paper",
  description: "Picnic shelter permits are requested on a paper form and re-typed into a spreadsheet.",
  affected: "League organisers and families",
  frequency: "80 requests a week",
  costEstimateMinor: 6_200_000,
  processLink: "https://wiki.brookfield.example/processes/shelter-permits",
};

async function report(cookie: string, body: Record<string, unknown>) {
  const response = await t.request({ method: "POST", url: base, cookie, body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function rows() {
  return t.database.db.select().from(problems).where(eq(problems.cityId, city.id));
}

describe("problems", () => {
  it("lets agency staff report a problem for their agency, and shows it on the public board without the reporter", async () => {
    const created = await report(parksClerk, { ...permitProblem, agencyId: parks.id });
    expect(created).toMatchObject({
      title: permitProblem.title,
      origin: "agency",
      agency: { id: parks.id, name: "Parks" },
      status: "new",
      costEstimate: { amountMinor: 6_200_000, currency: "USD" },
      processLink: permitProblem.processLink,
      supportCount: 0,
    });
    const board = await t.request({ method: "GET", url: base });
    expect(board.statusCode).toBe(200);
    expect(board.json().problems.map((problem: { id: string }) => problem.id)).toContain(created.id);
    expect(board.body).not.toContain("clerk@brookfield.example");
    expect(board.body).not.toContain("reportedBy");
    const [stored] = await t.database.db.select().from(problems).where(eq(problems.id, created.id));
    expect(stored?.reportedBy).not.toBeNull();
    const [audited] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, created.id), eq(auditEvents.action, "problem.reported")));
    expect(audited?.actorLabel).toBe("clerk@brookfield.example");
  });

  it("lets any signed-in resident propose a problem, but not in another agency's name", async () => {
    const proposed = await report(resident, {
      title: "Renewing a library card needs a branch visit",
      description: "Proof of address is asked again every three years.",
    });
    expect(proposed).toMatchObject({ origin: "resident", agency: null, costEstimate: null, status: "new" });

    const before = await rows();
    const forLibrary = await t.request({ method: "POST", url: base, cookie: parksClerk, body: { ...permitProblem, agencyId: library.id } });
    expect(forLibrary.statusCode).toBe(403);
    const forAnyone = await t.request({ method: "POST", url: base, cookie: resident, body: { ...permitProblem, agencyId: parks.id } });
    expect(forAnyone.statusCode).toBe(403);
    expect(await rows()).toEqual(before);
    expect((await t.request({ method: "POST", url: base, body: permitProblem })).statusCode).toBe(401);
  });

  it("refuses bad input with a 400 naming each field, and writes nothing", async () => {
    const before = await rows();
    const response = await t.request({
      method: "POST",
      url: base,
      cookie: parksClerk,
      body: { title: "", description: "x", costEstimateMinor: -5, processLink: "javascript:alert(1)", agencyId: "not-an-id" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    const fields = response.json().errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(["title", "costEstimateMinor", "processLink", "agencyId"]));
    const unknownAgency = await t.request({
      method: "POST",
      url: base,
      cookie: dso,
      body: { ...permitProblem, agencyId: "01900000-0000-7000-8000-000000000000" },
    });
    expect(unknownAgency.statusCode).toBe(400);
    expect(unknownAgency.json().errors).toEqual([{ field: "agencyId", message: "There is no such agency in this city." }]);
    expect(await rows()).toEqual(before);
  });

  it("counts one support per person: a second is a 409, taking it back is allowed", async () => {
    const created = await report(parksClerk, { ...permitProblem, title: "Pool passes sold only at the counter", agencyId: parks.id });
    const url = `${base}/${created.id}/support`;
    const first = await t.request({ method: "POST", url, cookie: resident });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ supportCount: 1, supportedByMe: true });
    const again = await t.request({ method: "POST", url, cookie: resident });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe("You already support this problem.");
    expect((await t.request({ method: "POST", url, cookie: neighbour })).json()).toEqual({ supportCount: 2, supportedByMe: true });

    // Two racing supports from one person still count once.
    const raced = await Promise.all([t.request({ method: "POST", url, cookie: dso }), t.request({ method: "POST", url, cookie: dso })]);
    expect(raced.map((response) => response.statusCode).sort()).toEqual([200, 409]);

    const mine = await t.request({ method: "GET", url: `${base}/${created.id}`, cookie: resident });
    expect(mine.json()).toMatchObject({ supportCount: 3, supportedByMe: true });
    expect((await t.request({ method: "GET", url: `${base}/${created.id}` })).json().supportedByMe).toBe(false);

    const withdrawn = await t.request({ method: "DELETE", url, cookie: resident });
    expect(withdrawn.json()).toEqual({ supportCount: 2, supportedByMe: false });
    const supports = await t.database.db.select().from(problemSupports).where(eq(problemSupports.problemId, created.id));
    expect(supports).toHaveLength(2);
  });

  it("triages new → accepted → in progress → solved, audited; refuses other moves with 409", async () => {
    const created = await report(parksClerk, { ...permitProblem, title: "Trail closures announced only on paper", agencyId: parks.id });
    const triage = (body: Record<string, unknown>, cookie = dso) => t.request({ method: "POST", url: `${base}/${created.id}/triage`, cookie, body });

    const skipped = await triage({ status: "solved" });
    expect(skipped.statusCode).toBe(409);
    expect(skipped.json().detail).toBe("A problem that is new cannot become solved.");
    expect(skipped.json().errors[0].field).toBe("status");

    expect((await triage({ status: "accepted" })).json().status).toBe("accepted");
    expect((await triage({ status: "in_progress" })).json().status).toBe("in_progress");
    const solved = await triage({ status: "solved" });
    expect(solved.statusCode).toBe(200);
    expect(solved.json()).toMatchObject({ status: "solved", triagedAt: expect.any(String) });
    const reopened = await triage({ status: "accepted" });
    expect(reopened.statusCode).toBe(409);
    expect(reopened.json().detail).toBe("A problem that is solved cannot become accepted.");

    const trail = await t.database.db.select().from(auditEvents).where(eq(auditEvents.targetId, created.id)).orderBy(auditEvents.createdAt, auditEvents.id);
    expect(trail.map((event) => event.action)).toEqual(["problem.reported", "problem.accepted", "problem.started", "problem.solved"]);
    expect(trail[1]?.before).toMatchObject({ status: "new" });
    expect(trail[1]?.after).toMatchObject({ status: "accepted" });
    expect(trail[1]?.actorLabel).toBe("dso@brookfield.example");
  });

  it("requires a reason to decline, shows it publicly, and answers in Spanish when asked", async () => {
    const created = await report(resident, { title: "Build a city app", description: "An app instead of the website." });
    const url = `${base}/${created.id}/triage`;
    const noReason = await t.request({ method: "POST", url, cookie: dso, body: { status: "declined", reason: "  " } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ field: "reason", message: "Say why the problem is declined; the person who reported it will read it." }]);
    expect((await t.request({ method: "GET", url: `${base}/${created.id}` })).json().status).toBe("new");

    const declined = await t.request({ method: "POST", url, cookie: dso, body: { status: "declined", reason: "The website is being made mobile-friendly." } });
    expect(declined.json()).toMatchObject({ status: "declined", declineReason: "The website is being made mobile-friendly." });
    const support = await t.request({ method: "POST", url: `${base}/${created.id}/support`, cookie: neighbour, headers: { "accept-language": "es" } });
    expect(support.statusCode).toBe(409);
    expect(support.json().detail).toBe("Este problema está rechazado y ya no admite apoyos.");
  });

  it("lets only the DSO and city admins triage", async () => {
    const created = await report(parksClerk, { ...permitProblem, title: "Field lights booked by phone", agencyId: parks.id });
    for (const cookie of [parksClerk, neighbour]) {
      const response = await t.request({ method: "POST", url: `${base}/${created.id}/triage`, cookie, body: { status: "accepted" } });
      expect(response.statusCode).toBe(403);
    }
    const outsider = await t.request({ method: "POST", url: `${base}/${created.id}/triage`, cookie: resident, body: { status: "accepted" } });
    expect(outsider.statusCode).toBe(404);
    expect((await t.request({ method: "GET", url: `${base}/${created.id}` })).json().status).toBe("new");
  });

  it("searches the board with websearch syntax and filters by status and agency, paginated", async () => {
    const created = await report(parksClerk, {
      ...permitProblem,
      title: "Dog licences renewed by mail",
      description: "Owners mail a cheque and a vaccination certificate every year.",
      agencyId: parks.id,
    });
    const search = async (query: string) => (await t.request({ method: "GET", url: `${base}?${query}` })).json();
    expect((await search("q=vaccination%20cheque")).problems.map((problem: { id: string }) => problem.id)).toEqual([created.id]);
    expect((await search("q=%22vaccination%20certificate%22%20-dog")).problems).toEqual([]);
    expect((await search("q=dog%20or%20library")).total).toBeGreaterThanOrEqual(2);

    const accepted = await search("status=solved");
    expect(accepted.problems.every((problem: { status: string }) => problem.status === "solved")).toBe(true);
    const ofLibrary = await search(`agencyId=${library.id}`);
    expect(ofLibrary.total).toBe(0);
    const ofParks = await search(`agencyId=${parks.id}&pageSize=2&page=1`);
    expect(ofParks.problems).toHaveLength(2);
    expect(ofParks.total).toBeGreaterThan(2);
    const secondPage = await search(`agencyId=${parks.id}&pageSize=2&page=2`);
    expect(secondPage.problems[0].id).not.toBe(ofParks.problems[0].id);

    const bad = await t.request({ method: "GET", url: `${base}?status=maybe&pageSize=1000` });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(["query.pageSize", "query.status"]);
  });

  it("keeps each city's problems to itself", async () => {
    const other = await t.createCity("oakdale");
    const otherDso = (await t.personWithRoles(other, "dso@oakdale.example", [{ role: "dso_staff" }])).cookie;
    const created = await report(parksClerk, { ...permitProblem, title: "Brookfield-only problem", agencyId: parks.id });
    expect((await t.request({ method: "GET", url: `/api/v1/cities/oakdale/problems/${created.id}` })).statusCode).toBe(404);
    expect((await t.request({ method: "GET", url: "/api/v1/cities/oakdale/problems" })).json().total).toBe(0);
    const triaged = await t.request({
      method: "POST",
      url: `/api/v1/cities/oakdale/problems/${created.id}/triage`,
      cookie: otherDso,
      body: { status: "accepted" },
    });
    expect(triaged.statusCode).toBe(404);
    const crossCity = await t.request({ method: "POST", url: `${base}/${created.id}/triage`, cookie: otherDso, body: { status: "accepted" } });
    expect(crossCity.statusCode).toBe(404);
    expect((await t.request({ method: "GET", url: `${base}/${created.id}` })).json().status).toBe("new");
  });

  it("puts the person's problems and supports in their data download", async () => {
    const data = (await t.request({ method: "GET", url: "/api/v1/me/data", cookie: resident })).json();
    expect(data.problems.reported.map((problem: { title: string }) => problem.title)).toContain("Renewing a library card needs a branch visit");
    const supporter = (await t.request({ method: "GET", url: "/api/v1/me/data", cookie: neighbour })).json();
    expect(supporter.problems.supported.map((support: { title: string }) => support.title)).toContain("Pool passes sold only at the counter");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { bounties } from "./schema.ts";

let t: TestApp;
let riverside: City;
let lakeside: City;
const dso: Record<string, string> = {};
let volunteer: string;
const vendors: Record<"ana" | "ben", { cookie: string; id: string }> = {} as never;
let anaInLakeside: string;

const criteria = ["Passes axe with no violations", "Works at 360 px"];

async function registerVendor(citySlug: string, email: string, legalName: string) {
  const cookie = await t.signIn(email);
  const registered = await t.request({
    method: "POST",
    url: `/api/v1/cities/${citySlug}/vendors`,
    cookie,
    body: { legalName, smallBusiness: true, taxFormOnFile: true, paymentReference: "AP-1" },
  });
  expect(registered.statusCode).toBe(201);
  const id = registered.json().id as string;
  const reviewed = await t.request({
    method: "POST",
    url: `/api/v1/cities/${citySlug}/vendors/${id}/review`,
    cookie: dso[citySlug],
    body: { decision: "verified" },
  });
  expect(reviewed.statusCode).toBe(200);
  return { cookie, id };
}

async function publishedFixed(city: City, title: string, amountMinor = 40_000) {
  const [created] = await t.database.db
    .insert(bounties)
    .values({
      cityId: city.id,
      kind: "fixed",
      title,
      acceptanceCriteria: criteria,
      repositoryIssueUrl: "https://github.com/example/permits/issues/3",
      requiredLicence: "MIT",
      amountMinor,
      currency: "USD",
      deliveryBusinessDays: 5,
      deadlineAt: new Date(Date.now() + 60 * 86_400_000),
    })
    .returning();
  if (!created) throw new Error("no bounty");
  const published = await t.request({ method: "POST", url: `/api/v1/cities/${city.slug}/bounties/${created.id}/publish`, cookie: dso[city.slug] });
  expect(published.statusCode).toBe(200);
  return created;
}

async function assign(city: City, bountyId: string, vendorId: string): Promise<string> {
  const assigned = await t.request({
    method: "POST",
    url: `/api/v1/cities/${city.slug}/bounties/${bountyId}/assign`,
    cookie: dso[city.slug],
    body: { vendorId },
  });
  expect(assigned.statusCode).toBe(201);
  return assigned.json().id as string;
}

beforeAll(async () => {
  t = await startTestApp();
  riverside = await t.createCity("riverside");
  lakeside = await t.createCity("lakeside");
  for (const city of [riverside, lakeside]) {
    dso[city.slug] = (await t.personWithRoles(city, `dso@${city.slug}.example`, [{ role: "dso_staff" }])).cookie;
    const added = await t.request({
      method: "POST",
      url: `/api/v1/cities/${city.slug}/fund/additions`,
      cookie: dso[city.slug],
      body: { amountMinor: 1_000_000 },
    });
    expect(added.statusCode).toBe(201);
  }
  volunteer = (await t.personWithRoles(riverside, "volunteer@riverside.example", [{ role: "volunteer" }])).cookie;
  vendors.ana = await registerVendor("riverside", "ana@dev.example", "Ana Devs LLC");
  vendors.ben = await registerVendor("riverside", "ben@dev.example", "Ben Consulting");
  anaInLakeside = (await registerVendor("lakeside", "ana@dev.example", "Ana Devs LLC")).id;
});
afterAll(async () => t?.close());

describe("a vendor's own work", () => {
  it("lists only the signed-in vendor's deliveries in this city, with the bounty's terms, rejection reasons and payment", async () => {
    const anaBounty = await publishedFixed(riverside, "Accessible permit form");
    const anaSubmission = await assign(riverside, anaBounty.id, vendors.ana.id);
    const benBounty = await publishedFixed(riverside, "Permit status page");
    await assign(riverside, benBounty.id, vendors.ben.id);
    const lakesideBounty = await publishedFixed(lakeside, "Lakeside boat permits");
    await assign(lakeside, lakesideBounty.id, anaInLakeside);

    const mine = await t.request({ method: "GET", url: "/api/v1/cities/riverside/vendors/me/submissions", cookie: vendors.ana.cookie });
    expect(mine.statusCode).toBe(200);
    expect(mine.headers["cache-control"]).toBe("no-store");
    const { submissions } = mine.json();
    expect(submissions).toEqual([
      expect.objectContaining({
        id: anaSubmission,
        vendorId: vendors.ana.id,
        status: "pending_delivery",
        amountMinor: 40_000,
        currency: "USD",
        rejectionReasons: null,
        paidAt: null,
        bounty: {
          id: anaBounty.id,
          title: "Accessible permit form",
          kind: "fixed",
          acceptanceCriteria: criteria,
          repositoryIssueUrl: "https://github.com/example/permits/issues/3",
          requiredLicence: "MIT",
        },
      }),
    ]);
    expect(mine.body).not.toContain("Permit status page");
    expect(mine.body).not.toContain("Lakeside boat permits");

    // The same person in the other city sees that city's work only.
    const there = await t.request({ method: "GET", url: "/api/v1/cities/lakeside/vendors/me/submissions", cookie: vendors.ana.cookie });
    expect(there.statusCode).toBe(200);
    expect(there.json().submissions.map((item: { bounty: { title: string } }) => item.bounty.title)).toEqual(["Lakeside boat permits"]);

    // Handed in, then rejected: the vendor reads the reasons.
    const submitted = await t.request({
      method: "POST",
      url: `/api/v1/cities/riverside/submissions/${anaSubmission}/submit`,
      cookie: vendors.ana.cookie,
      body: { pullRequestUrl: "https://github.com/example/permits/pull/9" },
    });
    expect(submitted.statusCode).toBe(200);
    const reasons = [{ criterion: criteria[1], reason: "The table scrolls sideways on a phone." }];
    const rejected = await t.request({
      method: "POST",
      url: `/api/v1/cities/riverside/submissions/${anaSubmission}/review`,
      cookie: dso.riverside,
      body: { decision: "rejected", reasons },
    });
    expect(rejected.statusCode).toBe(200);
    const after = (await t.request({ method: "GET", url: "/api/v1/cities/riverside/vendors/me/submissions", cookie: vendors.ana.cookie })).json();
    expect(after.submissions[0]).toMatchObject({ status: "rejected", rejectionReasons: reasons, pullRequestUrl: "https://github.com/example/permits/pull/9" });
  });

  it("refuses people who are signed out or not vendors here, and unknown cities", async () => {
    const anonymous = await t.request({ method: "GET", url: "/api/v1/cities/riverside/vendors/me/submissions" });
    expect(anonymous.statusCode).toBe(401);
    expect(String(anonymous.headers["content-type"])).toContain("application/problem+json");

    const notVendor = await t.request({ method: "GET", url: "/api/v1/cities/riverside/vendors/me/submissions", cookie: volunteer });
    expect(notVendor.statusCode).toBe(404);
    expect(String(notVendor.headers["content-type"])).toContain("application/problem+json");
    expect(notVendor.json().detail).toBe("You have not registered as a vendor in this city.");

    // Riverside's DSO staff are no vendors in Lakeside either.
    const staffElsewhere = await t.request({ method: "GET", url: "/api/v1/cities/lakeside/vendors/me/submissions", cookie: dso.riverside });
    expect(staffElsewhere.statusCode).toBe(404);

    const unknownCity = await t.request({ method: "GET", url: "/api/v1/cities/no-such-city/vendors/me/submissions", cookie: vendors.ana.cookie });
    expect(unknownCity.statusCode).toBe(404);
  });
});

describe("whom a bounty was awarded to", () => {
  it("names nobody before award, the vendor after, and hides drafts and other cities' bounties", async () => {
    const bounty = await publishedFixed(riverside, "Online shelter booking");
    const before = await t.request({ method: "GET", url: `/api/v1/cities/riverside/bounties/${bounty.id}/award` });
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ vendorName: null, awardedAt: null, deliveryStatus: null });

    await assign(riverside, bounty.id, vendors.ben.id);
    const after = await t.request({ method: "GET", url: `/api/v1/cities/riverside/bounties/${bounty.id}/award` });
    expect(after.json()).toMatchObject({ vendorName: "Ben Consulting", deliveryStatus: "pending_delivery", awardedAt: expect.any(String) });
    // Nothing personal: no payment reference, no email.
    expect(after.body).not.toContain("AP-1");
    expect(after.body).not.toContain("@dev.example");

    const [draft] = await t.database.db
      .insert(bounties)
      .values({ cityId: riverside.id, kind: "fixed", title: "Draft", acceptanceCriteria: criteria, requiredLicence: "MIT", amountMinor: 1000, currency: "USD" })
      .returning();
    expect((await t.request({ method: "GET", url: `/api/v1/cities/riverside/bounties/${draft?.id}/award` })).statusCode).toBe(404);

    // Lakeside's bounty does not exist in Riverside.
    const lakesideBounty = await publishedFixed(lakeside, "Lakeside marina map");
    const elsewhere = await t.request({ method: "GET", url: `/api/v1/cities/riverside/bounties/${lakesideBounty.id}/award` });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.body).not.toContain("Lakeside marina map");

    const badId = await t.request({ method: "GET", url: "/api/v1/cities/riverside/bounties/not-an-id/award" });
    expect(badId.statusCode).toBe(400);
    expect(String(badId.headers["content-type"])).toContain("application/problem+json");
  });
});

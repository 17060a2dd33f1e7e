import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { httpClient } from "../../testing/http-client.ts";
import { startTestApp, type TestApp, testPublicUrl } from "../../testing/test-app.ts";
import { accountBalances } from "./accounts.ts";
import { postEntries, UnbalancedPostingError } from "./post-entries.ts";
import { ledgerLines, ledgerPostings } from "./schema.ts";

let t: TestApp;
let city: City;
let admin: string;
let dso: string;

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("millbrook");
  admin = (await t.personWithRoles(city, "admin@millbrook.example", [{ role: "city_admin" }])).cookie;
  dso = (await t.personWithRoles(city, "dso@millbrook.example", [{ role: "dso_staff" }])).cookie;
});
afterAll(async () => t?.close());

const base = "/api/v1/cities/millbrook";

/** Every posting of the city sums to zero and has at least two lines. */
async function unbalancedPostings(cityId: string) {
  const result = await t.database.pool.query(
    `select posting_id, sum(amount_minor)::text as total, count(*)::int as lines from ledger_lines where city_id = $1
     group by posting_id, currency having sum(amount_minor) <> 0 or count(*) < 2`,
    [cityId],
  );
  return result.rows;
}

describe("ledger", () => {
  it("refuses unbalanced postings in code, and the database refuses them at commit too", async () => {
    const attempt = (lines: { account: "fund" | "funding_source" | "reserved"; amountMinor: number }[]) =>
      t.database.db.transaction((tx) =>
        postEntries(tx, { cityId: city.id, currency: "USD", idempotencyKey: `test:${lines.length}:${Math.random()}`, description: "", lines }),
      );
    await expect(attempt([{ account: "fund", amountMinor: 100 }])).rejects.toBeInstanceOf(UnbalancedPostingError);
    await expect(
      attempt([
        { account: "fund", amountMinor: 100 },
        { account: "funding_source", amountMinor: -99 },
      ]),
    ).rejects.toBeInstanceOf(UnbalancedPostingError);
    await expect(
      attempt([
        { account: "fund", amountMinor: 0.5 },
        { account: "funding_source", amountMinor: -0.5 },
      ]),
    ).rejects.toBeInstanceOf(UnbalancedPostingError);

    // Written around postEntries, straight into the tables: the deferred trigger stops it at commit.
    const client = await t.database.pool.connect();
    try {
      await client.query("begin");
      const posting = await client.query(
        "insert into ledger_postings (id, city_id, idempotency_key) values (gen_random_uuid(), $1, 'raw:unbalanced') returning id",
        [city.id],
      );
      await client.query("insert into ledger_accounts (id, city_id, kind, currency) values (gen_random_uuid(), $1, 'fund', 'USD') on conflict do nothing", [
        city.id,
      ]);
      await client.query(
        "insert into ledger_lines (id, city_id, posting_id, account_id, amount_minor, currency) select gen_random_uuid(), $1, $2, id, 500, 'USD' from ledger_accounts where city_id = $1 and kind = 'fund'",
        [city.id, posting.rows[0].id],
      );
      await expect(client.query("commit")).rejects.toMatchObject({ code: "23514", constraint: "ledger_postings_balanced" });
    } finally {
      client.release();
    }
    expect(await t.database.db.select().from(ledgerPostings).where(eq(ledgerPostings.idempotencyKey, "raw:unbalanced"))).toEqual([]);
    expect((await accountBalances(t.database.db, city.id, "USD")).fund).toBe(0);
  });

  it("lets a city admin or DSO staff add to the fund; balances are sums of balanced postings; audited", async () => {
    const added = await t.request({ method: "POST", url: `${base}/fund/additions`, cookie: admin, body: { amountMinor: 500_000, note: "Fiscal year 2027" } });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ posted: true, balances: { currency: "USD", availableMinor: 500_000, addedMinor: 500_000, reservedMinor: 0 } });
    const byDso = await t.request({ method: "POST", url: `${base}/fund/additions`, cookie: dso, body: { amountMinor: 250_000 } });
    expect(byDso.json().balances.availableMinor).toBe(750_000);

    expect((await t.request({ method: "GET", url: `${base}/fund` })).json()).toEqual({
      currency: "USD",
      availableMinor: 750_000,
      reservedMinor: 0,
      payableMinor: 0,
      paidMinor: 0,
      addedMinor: 750_000,
    });
    const postings = (await t.request({ method: "GET", url: `${base}/ledger/postings`, cookie: dso })).json().postings;
    expect(postings[postings.length - 1]).toMatchObject({
      description: "Fiscal year 2027",
      lines: expect.arrayContaining([
        { account: "fund", amountMinor: 500_000, currency: "USD" },
        { account: "funding_source", amountMinor: -500_000, currency: "USD" },
      ]),
    });
    expect(await unbalancedPostings(city.id)).toEqual([]);
    const audited = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.cityId, city.id), eq(auditEvents.action, "fund.added")));
    expect(audited.map((event) => event.actorLabel).sort()).toEqual(["admin@millbrook.example", "dso@millbrook.example"]);
  });

  it("refuses bad amounts with a 400 naming the field, and posts nothing", async () => {
    const before = await t.database.db.select().from(ledgerLines).where(eq(ledgerLines.cityId, city.id));
    for (const amountMinor of [0, -100, 10.5, "1,000", "1000"]) {
      const response = await t.request({ method: "POST", url: `${base}/fund/additions`, cookie: admin, body: { amountMinor } });
      expect(response.statusCode).toBe(400);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json().errors[0].field).toBe("amountMinor");
    }
    expect(await t.database.db.select().from(ledgerLines).where(eq(ledgerLines.cityId, city.id))).toEqual(before);
  });

  it("adds the money once when two requests with the same idempotency key race", async () => {
    const before = (await accountBalances(t.database.db, city.id, "USD")).fund;
    const baseUrl = await t.listen();
    const client = httpClient(baseUrl);
    try {
      const send = () =>
        client.request({
          method: "POST",
          path: `${base}/fund/additions`,
          headers: { cookie: admin, origin: testPublicUrl },
          body: { amountMinor: 100_000, note: "Grant", idempotencyKey: "grant-2027-0001" },
        });
      const responses = await Promise.all([send(), send(), send(), send()]);
      expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201]);
      const bodies = responses.map((response) => response.json<{ postingId: string; posted: boolean }>());
      expect(new Set(bodies.map((body) => body.postingId)).size).toBe(1);
      expect(bodies.filter((body) => body.posted)).toHaveLength(1);
    } finally {
      client.close();
    }
    expect((await accountBalances(t.database.db, city.id, "USD")).fund).toBe(before + 100_000);
    const [keyed] = await t.database.db
      .select({ total: sql<number>`count(*)::int` })
      .from(ledgerPostings)
      .where(eq(ledgerPostings.idempotencyKey, "fund:add:grant-2027-0001"));
    expect(keyed?.total).toBe(1);
    expect(await unbalancedPostings(city.id)).toEqual([]);
  });

  it("keeps what was posted: lines cannot be changed", async () => {
    await expect(t.database.pool.query("update ledger_lines set amount_minor = amount_minor * 2 where city_id = $1", [city.id])).rejects.toMatchObject({
      code: "55000",
    });
  });

  it("lets only city admins and DSO staff add money or read the ledger, and only in their own city", async () => {
    const agency = await t.createAgency(city, "parks");
    const clerk = (await t.personWithRoles(city, "clerk@millbrook.example", [{ role: "agency_staff", agencyId: agency.id }])).cookie;
    const vendor = (await t.personWithRoles(city, "vendor@millbrook.example", [{ role: "vendor" }])).cookie;
    const before = await accountBalances(t.database.db, city.id, "USD");
    for (const cookie of [clerk, vendor]) {
      const response = await t.request({ method: "POST", url: `${base}/fund/additions`, cookie, body: { amountMinor: 100 } });
      expect(response.statusCode).toBe(403);
      expect((await t.request({ method: "GET", url: `${base}/ledger/postings`, cookie })).statusCode).toBe(403);
    }
    const other = await t.createCity("fairview");
    const otherAdmin = (await t.personWithRoles(other, "admin@fairview.example", [{ role: "city_admin" }])).cookie;
    expect((await t.request({ method: "POST", url: `${base}/fund/additions`, cookie: otherAdmin, body: { amountMinor: 100 } })).statusCode).toBe(404);
    expect((await t.request({ method: "GET", url: `${base}/ledger/postings`, cookie: otherAdmin })).statusCode).toBe(404);
    expect(await accountBalances(t.database.db, city.id, "USD")).toEqual(before);
    // The other city's own fund is untouched and empty.
    expect((await t.request({ method: "GET", url: "/api/v1/cities/fairview/fund" })).json().availableMinor).toBe(0);
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cities } from "../../platform/tenancy/index.ts";
import { seedDemoCity } from "../../seed/demo-city.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { demoBountyTitles } from "../bounties/index.ts";
import { catalogEntries } from "../catalog/index.ts";
import { federationPublished } from "./schema.ts";
import { collectSharedObjects } from "./shared-objects.ts";

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ PROCESS_ROLE: "web" });
});
afterAll(async () => t?.close());

const activityJson = { accept: "application/activity+json" };

describe("what a city shares over ActivityPub", () => {
  it("shares its software, published processes, open bounties and calls for volunteers, and never anyone's contact details", async () => {
    const { city } = await seedDemoCity(t.database.db, t.services.auth, { password: "demo-password-long-enough" });
    const shared = await collectSharedObjects(t.database.db, city, t.config.publicUrl);
    const kinds = new Set(shared.map((object) => object.kind));
    expect([...kinds].sort()).toEqual(["bounty", "call", "process", "software"]);
    const bountyNames = shared.filter((object) => object.kind === "bounty").map((object) => object.name);
    // Open bounties only: the paid one is not a call for work any more.
    expect(bountyNames).toEqual(expect.arrayContaining([demoBountyTitles.fixed, demoBountyTitles.multi, demoBountyTitles.sealed]));
    expect(bountyNames).not.toContain(demoBountyTitles.paid);
    // Volunteers' and staff's addresses never travel.
    const text = JSON.stringify(shared);
    expect(text).toContain("Springfield Digital Service");
    expect(text.match(/[\w.+-]+@[\w-]+\.[\w.]+/g) ?? []).toEqual([]);
  });

  it("publishes each record once as an Article a Mastodon client renders, sends an Update only when it changes, and a Delete when it goes", async () => {
    const [city] = await t.database.db.select().from(cities);
    if (!city) throw new Error("no demo city");
    const first = await t.services.federation.publishCity(city.id);
    expect(first.created).toBeGreaterThanOrEqual(4);
    expect(first).toMatchObject({ updated: 0, deleted: 0 });
    expect(await t.services.federation.publishCity(city.id)).toEqual({ created: 0, updated: 0, deleted: 0 });

    const outbox = await t.request({ method: "GET", url: `/ap/cities/${city.slug}/outbox`, headers: activityJson });
    expect(outbox.statusCode).toBe(200);
    const items = (outbox.json() as { orderedItems: Record<string, unknown>[] }).orderedItems;
    expect(items.length).toBe(first.created);
    const software = items.map((item) => item.object as Record<string, unknown>).find((object) => object.name === "Picnic shelter booking");
    if (!software) throw new Error("the demo software is not in the outbox");
    expect(software).toMatchObject({
      type: "Article",
      attributedTo: `${t.config.publicUrl}/ap/cities/${city.slug}`,
      summary: expect.stringContaining("book a picnic shelter"),
      url: expect.stringMatching(new RegExp(`^${t.config.publicUrl}/${city.slug}/catalog/`)),
      content: expect.stringContaining("<a href="),
      to: "as:Public",
      source: { mediaType: "application/vnd.civitas.shared+json" },
      attachment: { type: "Document", mediaType: "application/yaml", name: "publiccode.yml" },
    });
    const record = JSON.parse(String((software.source as { content: string }).content));
    expect(record).toMatchObject({ format: "civitas-shared", version: 1, kind: "software", publiccode: { name: "Picnic shelter booking" } });

    // Its id answers with the same Article.
    const objectPath = new URL(String(software.id)).pathname;
    const dereferenced = await t.request({ method: "GET", url: objectPath, headers: activityJson });
    expect(dereferenced.statusCode).toBe(200);
    expect(dereferenced.json()).toMatchObject({ type: "Article", name: "Picnic shelter booking" });

    // A change sends one Update; removing the entry sends a Delete, and its id is gone.
    const [entry] = await t.database.db.select().from(catalogEntries).where(eq(catalogEntries.name, "Picnic shelter booking"));
    if (!entry) throw new Error("no demo entry");
    await t.database.db
      .update(catalogEntries)
      .set({ reuseSavingsMinor: entry.reuseSavingsMinor + 1 })
      .where(eq(catalogEntries.id, entry.id));
    expect(await t.services.federation.publishCity(city.id)).toEqual({ created: 0, updated: 1, deleted: 0 });
    await t.database.db.delete(catalogEntries).where(eq(catalogEntries.id, entry.id));
    expect(await t.services.federation.publishCity(city.id)).toEqual({ created: 0, updated: 0, deleted: 1 });
    const gone = await t.request({ method: "GET", url: objectPath, headers: activityJson });
    expect(gone.statusCode).toBe(404);
    const rows = await t.database.db.select().from(federationPublished).where(eq(federationPublished.localId, entry.id));
    expect(rows).toMatchObject([{ version: 3, sentVersion: 3, deletedAt: expect.any(Date) }]);
  });
});

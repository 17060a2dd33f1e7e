import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionUser } from "../../platform/auth/provision-user.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { groupMembers, groups } from "./schema.ts";

let t: TestApp;
let city: City;

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("grouptown");
  const other = await t.createCity("lonely");
  const [brigade, association] = await t.database.db
    .insert(groups)
    .values([
      { cityId: city.id, slug: "brigade", name: "Code for Grouptown", description: "Hack nights" },
      { cityId: city.id, slug: "neighbours", name: "Arbor Street Neighbours" },
    ])
    .returning();
  await t.database.db.insert(groups).values({ cityId: other.id, slug: "brigade", name: "Code for Lonely" });
  const person = async (email: string) => (await provisionUser(t.services.auth, t.database.db, { email, name: email })).id;
  const [ada, ben, cy] = [await person("ada@grouptown.example"), await person("ben@grouptown.example"), await person("cy@grouptown.example")];
  await t.database.db.insert(groupMembers).values([
    { cityId: city.id, groupId: brigade?.id as string, userId: ada, role: "organizer" },
    { cityId: city.id, groupId: brigade?.id as string, userId: ben },
    { cityId: city.id, groupId: brigade?.id as string, userId: cy, status: "pending" },
    { cityId: city.id, groupId: association?.id as string, userId: cy },
  ]);
});
afterAll(async () => t?.close());

describe("groups", () => {
  it("are listed publicly by name, each with its active members counted, and only the city's own", async () => {
    const response = await t.request({ method: "GET", url: "/api/v1/cities/grouptown/groups" });
    expect(response.statusCode).toBe(200);
    expect(response.json().groups.map(({ id: _id, ...group }: { id: string }) => group)).toEqual([
      { slug: "neighbours", name: "Arbor Street Neighbours", description: "", memberCount: 1, approvalRequired: false, projectCount: 0, openRoleCount: 0 },
      { slug: "brigade", name: "Code for Grouptown", description: "Hack nights", memberCount: 2, approvalRequired: false, projectCount: 0, openRoleCount: 0 },
    ]);
    expect((await t.request({ method: "GET", url: "/api/v1/cities/nowhere/groups" })).statusCode).toBe(404);
  });
});

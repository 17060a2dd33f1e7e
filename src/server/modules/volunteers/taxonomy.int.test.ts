import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { skills } from "./schema.ts";

let t: TestApp;
let city: City;
let admin: string;
let dso: string;
let volunteer: string;

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("millbrook");
  admin = (await t.personWithRoles(city, "admin@millbrook.example", [{ role: "city_admin" }])).cookie;
  dso = (await t.personWithRoles(city, "dso@millbrook.example", [{ role: "dso_staff" }])).cookie;
  volunteer = (await t.personWithRoles(city, "helper@millbrook.example", [{ role: "volunteer" }])).cookie;
});
afterAll(async () => t?.close());

const base = "/api/v1/cities/millbrook";

async function addSkill(slug: string, names: Record<string, string>, parentId: string | null = null, cookie = admin) {
  const response = await t.request({ method: "POST", url: `${base}/skills`, cookie, body: { slug, names, parentId } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; slug: string; position: number; depth: number; parentId: string | null };
}

async function tree(headers: Record<string, string> = {}) {
  return (await t.request({ method: "GET", url: `${base}/skills`, headers })).json().skills as {
    id: string;
    slug: string;
    name: string;
    depth: number;
    position: number;
  }[];
}

describe("skills", () => {
  it("builds a tree that reads depth first, named in the reader's language", async () => {
    const care = await addSkill("care", { en: "Care", es: "Cuidado" });
    const trades = await addSkill("trades", { en: "Trades", es: "Oficios" }, null, dso);
    const firstAid = await addSkill("first-aid", { en: "First aid", es: "Primeros auxilios" }, care.id);
    await addSkill("carpentry", { en: "Carpentry" }, trades.id);
    await addSkill("childcare", { en: "Childcare", es: "Cuidado infantil" }, care.id);
    expect(firstAid).toMatchObject({ parentId: care.id, depth: 1, position: 0 });

    expect((await tree()).map((skill) => `${"-".repeat(skill.depth)}${skill.name}`)).toEqual(["Care", "-First aid", "-Childcare", "Trades", "-Carpentry"]);
    expect((await tree({ "accept-language": "es" })).map((skill) => skill.name)).toEqual([
      "Cuidado",
      "Primeros auxilios",
      "Cuidado infantil",
      "Oficios",
      "Carpentry",
    ]);
  });

  it("moves a skill up and down among its siblings, and nothing happens at the ends", async () => {
    const [care] = await tree();
    const childcare = (await tree()).find((skill) => skill.slug === "childcare");
    const moved = await t.request({ method: "POST", url: `${base}/skills/${childcare?.id}/move`, cookie: admin, body: { direction: "up" } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().skills.map((skill: { slug: string }) => skill.slug)).toEqual(["care", "childcare", "first-aid", "trades", "carpentry"]);
    const again = await t.request({ method: "POST", url: `${base}/skills/${childcare?.id}/move`, cookie: admin, body: { direction: "up" } });
    expect(again.json().skills.map((skill: { slug: string }) => skill.slug)).toEqual(["care", "childcare", "first-aid", "trades", "carpentry"]);
    await t.request({ method: "POST", url: `${base}/skills/${care?.id}/move`, cookie: admin, body: { direction: "down" } });
    expect((await tree()).map((skill) => skill.slug)).toEqual(["trades", "carpentry", "care", "childcare", "first-aid"]);
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.cityId, city.id), eq(auditEvents.action, "skill.moved")));
    expect(audit).toHaveLength(2);
  });

  it("renames a skill and moves it under another, refusing to put it under itself", async () => {
    const skillsNow = await tree();
    const care = skillsNow.find((skill) => skill.slug === "care");
    const trades = skillsNow.find((skill) => skill.slug === "trades");
    const firstAid = skillsNow.find((skill) => skill.slug === "first-aid");
    const renamed = await t.request({
      method: "PATCH",
      url: `${base}/skills/${firstAid?.id}`,
      cookie: admin,
      body: { names: { en: "First aid and CPR", es: "Primeros auxilios y RCP" }, parentId: trades?.id },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: "First aid and CPR", parentId: trades?.id, depth: 1, position: 1 });

    const loop = await t.request({ method: "PATCH", url: `${base}/skills/${trades?.id}`, cookie: admin, body: { parentId: firstAid?.id } });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().errors).toEqual([{ field: "parentId", message: "A skill cannot go under itself or under one of its own sub-skills." }]);
    const self = await t.request({ method: "PATCH", url: `${base}/skills/${care?.id}`, cookie: admin, body: { parentId: care?.id } });
    expect(self.statusCode).toBe(400);
    expect((await tree()).find((skill) => skill.slug === "trades")?.depth).toBe(0);

    const trail = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, firstAid?.id ?? ""), eq(auditEvents.action, "skill.updated")));
    expect(trail[0]?.before).toMatchObject({ names: { en: "First aid" }, parentId: care?.id });
    expect(trail[0]?.after).toMatchObject({ names: { en: "First aid and CPR" }, parentId: trades?.id });
    expect(trail[0]?.actorLabel).toBe("admin@millbrook.example");
  });

  it("refuses bad names and addresses with 400 naming the field, in English and Spanish", async () => {
    const before = await t.database.db.select().from(skills).where(eq(skills.cityId, city.id));
    const english = await t.request({ method: "POST", url: `${base}/skills`, cookie: admin, body: { slug: "Bad Slug", names: { en: " " } } });
    expect(english.statusCode).toBe(400);
    expect(english.json().errors).toEqual(
      expect.arrayContaining([
        { field: "slug", message: "Use lower-case letters, digits and single hyphens, such as “parks-and-rec”." },
        { field: "names", message: "Give a name in at least one language." },
      ]),
    );
    const spanish = await t.request({
      method: "POST",
      url: `${base}/skills`,
      cookie: admin,
      body: { slug: "ok-slug", names: {} },
      headers: { "accept-language": "es" },
    });
    expect(spanish.json().errors).toEqual([{ field: "names", message: "Escriba el nombre en al menos un idioma." }]);
    const unknownLanguage = await t.request({
      method: "POST",
      url: `${base}/skills`,
      cookie: admin,
      body: { slug: "welding", names: { en: "Welding", xx: "?" } },
    });
    expect(unknownLanguage.statusCode).toBe(400);
    expect(unknownLanguage.json().errors[0].field).toBe("names.xx");
    const missingParent = await t.request({
      method: "POST",
      url: `${base}/skills`,
      cookie: admin,
      body: { slug: "welding", names: { en: "Welding" }, parentId: "01900000-0000-7000-8000-000000000000" },
    });
    expect(missingParent.statusCode).toBe(400);
    expect(missingParent.json().errors).toEqual([{ field: "parentId", message: "There is no such skill in this city." }]);
    const taken = await t.request({ method: "POST", url: `${base}/skills`, cookie: admin, body: { slug: "care", names: { en: "Care again" } } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors).toEqual([{ field: "slug", message: "Another entry already uses the address “care”." }]);
    expect(await t.database.db.select().from(skills).where(eq(skills.cityId, city.id))).toEqual(before);
  });

  it("will not remove a skill that has sub-skills or is on a profile, and says why", async () => {
    const skillsNow = await tree();
    const care = skillsNow.find((skill) => skill.slug === "care");
    const childcare = skillsNow.find((skill) => skill.slug === "childcare");
    const carpentry = skillsNow.find((skill) => skill.slug === "carpentry");
    const parent = await t.request({ method: "DELETE", url: `${base}/skills/${care?.id}`, cookie: admin });
    expect(parent.statusCode).toBe(409);
    expect(parent.json().detail).toBe("“Care” has 1 sub-skill. Move or remove it first.");

    const saved = await t.request({ method: "PUT", url: `${base}/me/volunteer-profile`, cookie: volunteer, body: { skillIds: [childcare?.id] } });
    expect(saved.statusCode).toBe(200);
    const used = await t.request({ method: "DELETE", url: `${base}/skills/${childcare?.id}`, cookie: admin, headers: { "accept-language": "es" } });
    expect(used.statusCode).toBe(409);
    expect(used.json().detail).toBe("«Cuidado infantil» figura en el perfil de 1 voluntario, así que no se puede eliminar. Cámbiele el nombre.");

    expect((await t.request({ method: "DELETE", url: `${base}/skills/${carpentry?.id}`, cookie: admin })).statusCode).toBe(204);
    expect((await tree()).map((skill) => skill.slug)).not.toContain("carpentry");
  });

  it("will not remove a skill, cause or credential that an opportunity asks for", async () => {
    const welding = await addSkill("welding", { en: "Welding", es: "Soldadura" });
    const cause = (
      await t.request({ method: "POST", url: `${base}/causes`, cookie: admin, body: { slug: "repairs", names: { en: "Repairs", es: "Reparaciones" } } })
    ).json();
    const credential = (
      await t.request({
        method: "POST",
        url: `${base}/credential-types`,
        cookie: admin,
        body: { slug: "safety-card", names: { en: "Safety card", es: "Tarjeta de seguridad" } },
      })
    ).json();
    const agency = await t.createAgency(city, "works", "Works");
    const opportunity = await t.request({
      method: "POST",
      url: `${base}/opportunities`,
      cookie: admin,
      body: {
        agencyId: agency.id,
        title: "Fix railings",
        summary: "Weld loose railings on the footbridge.",
        locationKind: "remote",
        causeId: cause.id,
        requiredSkillIds: [welding.id],
        requiredCredentialTypeIds: [credential.id],
      },
    });
    expect(opportunity.statusCode, opportunity.body).toBe(201);
    const refusals = await Promise.all([
      t.request({ method: "DELETE", url: `${base}/skills/${welding.id}`, cookie: admin }),
      t.request({ method: "DELETE", url: `${base}/causes/${cause.id}`, cookie: admin }),
      t.request({ method: "DELETE", url: `${base}/credential-types/${credential.id}`, cookie: admin }),
    ]);
    expect(refusals.map((response) => response.statusCode)).toEqual([409, 409, 409]);
    expect(refusals[0]?.json().detail).toBe("Welding is asked for by 1 opportunity. Remove it from that opportunity first.");
    // Once the opportunity is archived, nothing asks for them any more.
    await t.request({ method: "POST", url: `${base}/opportunities/${opportunity.json().id}/archive`, cookie: admin });
    for (const url of [`${base}/skills/${welding.id}`, `${base}/causes/${cause.id}`, `${base}/credential-types/${credential.id}`]) {
      expect((await t.request({ method: "DELETE", url, cookie: admin })).statusCode).toBe(204);
    }
  });

  it("lets only city admins and DSO staff change the taxonomy, while anyone may read it", async () => {
    const agency = await t.createAgency(city, "parks", "Parks");
    const clerk = (await t.personWithRoles(city, "clerk@millbrook.example", [{ role: "agency_staff", agencyId: agency.id }])).cookie;
    for (const cookie of [clerk, volunteer]) {
      for (const attempt of [
        { method: "POST" as const, url: `${base}/skills`, body: { slug: "extra", names: { en: "Extra" } } },
        { method: "POST" as const, url: `${base}/causes`, body: { slug: "extra", names: { en: "Extra" } } },
        { method: "POST" as const, url: `${base}/credential-types`, body: { slug: "extra", names: { en: "Extra" } } },
      ]) {
        const response = await t.request({ ...attempt, cookie });
        expect(response.statusCode, `${attempt.url}`).toBe(403);
      }
    }
    for (const list of ["skills", "causes", "credential-types"]) expect((await t.request({ method: "GET", url: `${base}/${list}` })).statusCode).toBe(200);
  });
});

describe("causes and credential types", () => {
  it("creates, renames and removes causes; one a volunteer chose stays", async () => {
    const created = await t.request({
      method: "POST",
      url: `${base}/causes`,
      cookie: dso,
      body: { slug: "food", names: { en: "Food security", es: "Seguridad alimentaria" } },
    });
    expect(created.statusCode).toBe(201);
    const cause = created.json();
    const renamed = await t.request({ method: "PATCH", url: `${base}/causes/${cause.id}`, cookie: dso, body: { names: { en: "Food access" } } });
    expect(renamed.json()).toMatchObject({ name: "Food access", names: { en: "Food access" } });
    const listed = await t.request({ method: "GET", url: `${base}/causes`, headers: { "accept-language": "es" } });
    expect(listed.json().causes).toEqual([expect.objectContaining({ slug: "food", name: "Food access" })]);

    const person = await t.personWithRoles(city, "cares@millbrook.example", []);
    await t.request({ method: "PUT", url: `${base}/me/volunteer-profile`, cookie: person.cookie, body: { causeIds: [cause.id] } });
    const refused = await t.request({ method: "DELETE", url: `${base}/causes/${cause.id}`, cookie: dso });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toBe("1 volunteer chose “Food access”, so it cannot be removed. Rename it instead.");

    const spare = (await t.request({ method: "POST", url: `${base}/causes`, cookie: dso, body: { slug: "spare", names: { en: "Spare" } } })).json();
    expect((await t.request({ method: "DELETE", url: `${base}/causes/${spare.id}`, cookie: dso })).statusCode).toBe(204);
    expect((await t.request({ method: "DELETE", url: `${base}/causes/${spare.id}`, cookie: dso })).statusCode).toBe(404);
  });

  it("keeps a credential type's validity in months, or none; one that volunteers hold stays", async () => {
    const check = await t.request({
      method: "POST",
      url: `${base}/credential-types`,
      cookie: admin,
      body: { slug: "background-check", names: { en: "Background check" }, validityMonths: 24 },
    });
    expect(check.statusCode).toBe(201);
    expect(check.json()).toMatchObject({ validityMonths: 24, name: "Background check" });
    const training = await t.request({
      method: "POST",
      url: `${base}/credential-types`,
      cookie: admin,
      body: { slug: "orientation", names: { en: "Orientation" } },
    });
    expect(training.json().validityMonths).toBeNull();
    const bad = await t.request({
      method: "POST",
      url: `${base}/credential-types`,
      cookie: admin,
      body: { slug: "cpr", names: { en: "CPR" }, validityMonths: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: "validityMonths", message: "Use a number of at least 1." }]);
    const changed = await t.request({ method: "PATCH", url: `${base}/credential-types/${training.json().id}`, cookie: admin, body: { validityMonths: 12 } });
    expect(changed.json().validityMonths).toBe(12);

    const person = await t.personWithRoles(city, "checked@millbrook.example", []);
    const profile = (await t.request({ method: "PUT", url: `${base}/me/volunteer-profile`, cookie: person.cookie, body: {} })).json();
    await t.request({
      method: "POST",
      url: `${base}/volunteers/${profile.id}/credentials`,
      cookie: admin,
      body: { credentialTypeId: check.json().id, issuedOn: "2025-01-10" },
    });
    const refused = await t.request({ method: "DELETE", url: `${base}/credential-types/${check.json().id}`, cookie: admin });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toBe("1 volunteer holds “Background check”, so it cannot be removed. Remove that credential first.");
    expect((await t.request({ method: "DELETE", url: `${base}/credential-types/${training.json().id}`, cookie: admin })).statusCode).toBe(204);
  });
});

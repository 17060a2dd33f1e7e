import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/index.ts";
import { users } from "../../platform/auth/index.ts";
import { roleAssignments } from "../../platform/policy/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { volunteerProfiles } from "./schema.ts";

let t: TestApp;
let city: City;
let admin: string;
let skills: Record<string, string>;

const url = "/api/v1/cities/kingsport/volunteers/import";

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("kingsport");
  admin = (await t.personWithRoles(city, "admin@kingsport.example", [{ role: "city_admin" }])).cookie;
  skills = {};
  for (const slug of ["first-aid", "driving", "cooking"]) {
    skills[slug] = (await t.request({ method: "POST", url: "/api/v1/cities/kingsport/skills", cookie: admin, body: { slug, names: { en: slug } } })).json().id;
  }
});
afterAll(async () => t?.close());

async function profileCount() {
  return (await t.database.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.cityId, city.id))).length;
}

async function userCount() {
  return (await t.database.db.select({ id: users.id }).from(users)).length;
}

function importing(csv: string, options: { dryRun?: boolean; headers?: Record<string, string>; cookie?: string } = {}) {
  return t.request({ method: "POST", url, cookie: options.cookie ?? admin, body: { csv, dryRun: options.dryRun ?? false }, headers: options.headers });
}

describe("CSV import of volunteers", () => {
  it("imports every row of a valid file: accounts, profiles and the volunteer role, in any column order", async () => {
    const csv = [
      "Email,NAME,languages,skills,phone,neighbourhood,consent_email",
      "ines@kingsport.example,Inés Moreno,es;en,first-aid;driving,+1 555 010 1111,Harbor,yes",
      'lee@kingsport.example,"Lee, Jordan",zh,,,"North End",no',
      "mo@kingsport.example,Mo Farah,so; en,cooking,,,",
    ].join("\n");
    const dryRun = await importing(csv, { dryRun: true });
    expect(dryRun.statusCode, dryRun.body).toBe(200);
    expect(dryRun.json()).toEqual({ dryRun: true, created: 3, updated: 0, total: 3 });
    expect(await profileCount()).toBe(0);

    const response = await importing(csv);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ dryRun: false, created: 3, updated: 0, total: 3 });

    const listed = (await t.request({ method: "GET", url: "/api/v1/cities/kingsport/volunteers", cookie: admin })).json().volunteers;
    expect(listed).toEqual([
      expect.objectContaining({
        name: "Inés Moreno",
        email: "ines@kingsport.example",
        phone: "+1 555 010 1111",
        languages: ["es", "en"],
        neighbourhood: "Harbor",
        skills: [
          { id: skills["first-aid"], name: "first-aid" },
          { id: skills.driving, name: "driving" },
        ],
      }),
      expect.objectContaining({ name: "Lee, Jordan", languages: ["zh"], skills: [], neighbourhood: "North End", phone: null }),
      expect.objectContaining({ name: "Mo Farah", languages: ["so", "en"], skills: [{ id: skills.cooking, name: "cooking" }] }),
    ]);
    const [ines] = await t.database.db.select().from(users).where(eq(users.email, "ines@kingsport.example"));
    const profile = await t.request({ method: "GET", url: `/api/v1/cities/kingsport/volunteers/${listed[0].id}`, cookie: admin });
    expect(profile.json().consent).toEqual({ email: true, sms: false });
    const roles = await t.database.db
      .select()
      .from(roleAssignments)
      .where(and(eq(roleAssignments.cityId, city.id), eq(roleAssignments.role, "volunteer")));
    expect(roles).toHaveLength(3);

    // The new people sign in with an emailed link; no password was set.
    const cookie = await t.signIn("ines@kingsport.example");
    const mine = (await t.request({ method: "GET", url: "/api/v1/cities/kingsport/me/volunteer-profile", cookie })).json();
    expect(mine).toMatchObject({ id: listed[0].id, name: "Inés Moreno", languages: ["es", "en"] });
    expect(ines?.emailVerified).toBe(true);

    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.cityId, city.id), eq(auditEvents.action, "volunteers.imported")));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toEqual({ created: 3, updated: 0, total: 3, accountsCreated: 3, rolesGranted: 3 });
    expect(audit[0]?.actorLabel).toBe("admin@kingsport.example");
  });

  it("adds to people already on file without touching their names", async () => {
    const csv = "name,email,languages,skills,phone\nSomeone Else,ines@kingsport.example,pt,cooking,\nNew Person,new@kingsport.example,,,\n";
    expect((await importing(csv, { dryRun: true })).json()).toEqual({ dryRun: true, created: 1, updated: 1, total: 2 });
    const response = await importing(csv);
    expect(response.json()).toEqual({ dryRun: false, created: 1, updated: 1, total: 2 });
    const listed = (await t.request({ method: "GET", url: "/api/v1/cities/kingsport/volunteers?q=ines", cookie: admin })).json().volunteers[0];
    expect(listed).toMatchObject({ name: "Inés Moreno", languages: ["es", "en", "pt"], phone: "+1 555 010 1111" });
    expect(listed.skills.map((skill: { name: string }) => skill.name)).toEqual(["first-aid", "driving", "cooking"]);
  });

  it("imports NOTHING from a file with 3 bad rows among 10, and reports exactly those rows and fields", async () => {
    const profilesBefore = await profileCount();
    const usersBefore = await userCount();
    const lines = [
      "name,email,phone,languages,skills,neighbourhood,consent_email", // line 1
      "Row Two,two@kingsport.example,,en,,,", // 2
      'Row Three,three@kingsport.example,,en,,"Harbor', // 3: a quoted cell over two lines
      'Side",', // 4
      "Row Five,not-an-email,,en,,,", // 5: bad email
      'Row Six,six@kingsport.example,,"en;', // 6: a quoted cell over three lines
      "es", // 7
      'fr",,,', // 8
      "Row Nine,nine@kingsport.example,,en,welding,,maybe", // 9: unknown skill and consent
      "Row Ten,ten@kingsport.example,,,,,", // 10
      "Row Eleven,eleven@kingsport.example,,,,,", // 11
      "Row Twelve,twelve@kingsport.example,12,xx,,,", // 12: bad phone and language
      "Row Thirteen,thirteen@kingsport.example,,,,,", // 13
      "Row Fourteen,fourteen@kingsport.example,,,,,", // 14
    ];
    expect(
      lines
        .slice(1)
        .join("\n")
        .split(/\n(?=Row )/),
    ).toHaveLength(10);
    const response = await importing(`${lines.join("\r\n")}\r\n`);
    expect(response.statusCode).toBe(422);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    const problem = response.json();
    expect(problem.detail).toBe("3 rows of the file need attention. Nothing was imported.");
    expect(problem.rows).toEqual([
      { row: 5, field: "email", message: "Enter an email address like name@example.com." },
      { row: 9, field: "skills", message: "This city has no skill with the address welding." },
      { row: 9, field: "consent_email", message: "Write yes or no." },
      { row: 12, field: "phone", message: "Enter a phone number of 7 to 15 digits, such as +1 217 555 0100." },
      { row: 12, field: "languages", message: "Unknown language codes: xx. Use codes such as en, es or zh, separated by semicolons." },
    ]);
    expect(problem.errors).toContainEqual({ field: "rows.9.consent_email", message: "Write yes or no." });
    expect(await profileCount()).toBe(profilesBefore);
    expect(await userCount()).toBe(usersBefore);

    // The multi-line cells were read whole: fixing the three rows imports all ten.
    const fixed = lines
      .map((line) => line.replace("not-an-email", "five@kingsport.example").replace("welding,,maybe", "driving,,yes").replace(",12,xx,", ",555 010 1212,fr,"))
      .join("\r\n");
    const imported = await importing(fixed);
    expect(imported.json()).toEqual({ dryRun: false, created: 10, updated: 0, total: 10 });
    const six = (await t.request({ method: "GET", url: "/api/v1/cities/kingsport/volunteers?q=six%40", cookie: admin })).json().volunteers[0];
    expect(six.languages).toEqual(["en", "es", "fr"]);
    const three = (await t.request({ method: "GET", url: "/api/v1/cities/kingsport/volunteers?q=three%40", cookie: admin })).json().volunteers[0];
    expect(three.neighbourhood).toBe("Harbor\r\nSide");
  });

  it("reports a duplicate email on its second row, in the reader's language", async () => {
    const csv = "name,email\nA One,dup@kingsport.example\nB Two,other@kingsport.example\nC Three,DUP@kingsport.example\n";
    const response = await importing(csv, { headers: { "accept-language": "es" } });
    expect(response.statusCode).toBe(422);
    expect(response.json().rows).toEqual([{ row: 4, field: "email", message: "dup@kingsport.example ya está en la línea 2." }]);
    expect(response.json().detail).toBe("1 fila del archivo necesita atención. No se importó nada.");
  });

  it("reads a byte-order mark, CRLF line endings and blank lines, and checks the header", async () => {
    const csv = "\uFEFFname,email\r\n\r\nBom Person,bom@kingsport.example\r\n\r\nCr Person,cr@kingsport.example\r\n";
    expect((await importing(csv)).json()).toEqual({ dryRun: false, created: 2, updated: 0, total: 2 });
    expect(
      (
        await t.database.db
          .select()
          .from(users)
          .where(inArray(users.email, ["bom@kingsport.example", "cr@kingsport.example"]))
      ).length,
    ).toBe(2);

    const badHeader = await importing("name,e-mail address,skills,skills\nX,x@kingsport.example,,\n");
    expect(badHeader.statusCode).toBe(422);
    expect(badHeader.json().rows).toEqual([
      {
        row: 1,
        field: "e-mail address",
        message: "Unknown column “e-mail address”. The columns are: name, email, phone, languages, skills, neighbourhood, consent_email.",
      },
      { row: 1, field: "skills", message: "The column “skills” appears twice." },
      { row: 1, field: "email", message: "The file needs a column “email”." },
    ]);

    const unclosed = await importing('name,email\n"Open,open@kingsport.example\n');
    expect(unclosed.statusCode).toBe(422);
    expect(unclosed.json().rows[0]).toMatchObject({ field: "file", message: "A quoted cell that starts here is never closed." });

    const extra = await importing("name,email\nToo Many,many@kingsport.example,surprise\n");
    expect(extra.json().rows).toEqual([{ row: 2, field: "row", message: "This row has 3 cells but the header has 2." }]);
  });

  it("takes a text/csv body too, with ?dryRun=true", async () => {
    const response = await t.request({
      method: "POST",
      url: `${url}?dryRun=true`,
      cookie: admin,
      body: "name,email\nPlain Text,plain@kingsport.example\n",
      headers: { "content-type": "text/csv; charset=utf-8" },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ dryRun: true, created: 1, updated: 0, total: 1 });
    expect(await t.database.db.select().from(users).where(eq(users.email, "plain@kingsport.example"))).toEqual([]);
  });

  it("refuses files over 5,000 rows or 2 MB with a clear message, and an empty one", async () => {
    const rows = Array.from({ length: 5001 }, (_, index) => `P${index},p${index}@kingsport.example`);
    const tooMany = await importing(`name,email\n${rows.join("\n")}\n`);
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().detail).toBe("The file has 5001 rows; import at most 5000 at a time.");

    const big = `name,email,neighbourhood\nBig,big@kingsport.example,"${"x".repeat(2 * 1024 * 1024)}"\n`;
    const tooBig = await importing(big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().detail).toBe("The file is larger than 2 MB. Split it into smaller files.");

    const empty = await importing("name,email\n");
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toEqual([{ field: "csv", message: "The file has no volunteers in it: it needs a header row and at least one row below it." }]);
    expect(await t.database.db.select().from(users).where(eq(users.email, "p0@kingsport.example"))).toEqual([]);
  });

  it("imports 5,000 rows in one go", async () => {
    const rows = Array.from({ length: 5000 }, (_, index) => `Person ${index},bulk${index}@kingsport.example,en;es,cooking`);
    const started = Date.now();
    const response = await importing(`name,email,languages,skills\n${rows.join("\n")}\n`);
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    expect(response.json()).toMatchObject({ created: 5000, total: 5000 });
    expect(Date.now() - started).toBeLessThan(25_000);
  }, 60_000);

  it("is for city admins and DSO staff", async () => {
    const person = await t.personWithRoles(city, "vol@kingsport.example", [{ role: "volunteer" }]);
    const response = await importing("name,email\nX,x@kingsport.example\n", { cookie: person.cookie });
    expect(response.statusCode).toBe(403);
    const dso = await t.personWithRoles(city, "dso@kingsport.example", [{ role: "dso_staff" }]);
    expect((await importing("name,email\nX,x@kingsport.example\n", { cookie: dso.cookie, dryRun: true })).statusCode).toBe(200);
  });

  it("offers a template with the city's skill addresses", async () => {
    const response = await t.request({ method: "GET", url: `${url}/template`, cookie: admin });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/csv");
    expect(response.body.split("\r\n")[0]).toBe("name,email,phone,languages,skills,neighbourhood,consent_email");
    expect(response.body).toContain('"first-aid;driving"');
  });
});

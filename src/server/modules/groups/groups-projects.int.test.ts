import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GroupView, ProjectView } from "../../../contracts/groups.ts";
import { auditEvents } from "../../platform/audit/index.ts";
import { outboxMessages } from "../../platform/mail/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { seedDemoCity } from "../../seed/demo-city.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { skills } from "../volunteers/schema.ts";
import { remindWaitingApplications } from "./applications.ts";
import { projectRoles, projects, roleApplications } from "./schema.ts";

let t: TestApp;
let city: City;
let organizer: string;
let dso: { cookie: string; userId: string };
const base = "/api/v1/cities/springfield";

beforeAll(async () => {
  t = await startTestApp();
  ({ city } = await seedDemoCity(t.database.db, t.services.auth, { password: "demo-password-long-enough" }));
  organizer = await t.signIn("organizer@springfield.example");
  dso = await t.personWithRoles(city, "dso-tests@springfield.example", [{ role: "dso_staff" }]);
});
afterAll(async () => t?.close());

const get = async <T>(url: string, cookie?: string): Promise<T> => {
  const response = await t.request({ method: "GET", url, cookie });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json() as T;
};
const projectNamed = async (name: string) => {
  const [row] = await t.database.db.select().from(projects).where(eq(projects.name, name));
  if (!row) throw new Error(`no project ${name}`);
  return row;
};
const roleTitled = async (projectId: string, title: string) => {
  const [row] = await t.database.db
    .select()
    .from(projectRoles)
    .where(and(eq(projectRoles.projectId, projectId), eq(projectRoles.title, title)));
  if (!row) throw new Error(`no role ${title}`);
  return row;
};

describe("groups", () => {
  it("are started by group organizers and the city's staff, who become their first organizer; a taken or malformed address is refused", async () => {
    const body = { slug: "open-data-club", name: "Open Data Club", description: "We read the city's open data together.", approvalRequired: false };
    const volunteer = await t.personWithRoles(city, "plain@springfield.example", [{ role: "volunteer" }]);
    expect((await t.request({ method: "POST", url: `${base}/groups`, cookie: volunteer.cookie, body })).statusCode).toBe(403);
    const starter = await t.personWithRoles(city, "starter@springfield.example", [{ role: "group_organizer" }]);
    const created = await t.request({ method: "POST", url: `${base}/groups`, cookie: starter.cookie, body });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ slug: "open-data-club", viewer: { status: "organizer", canManage: true }, memberCount: 1 });

    const taken = await t.request({ method: "POST", url: `${base}/groups`, cookie: dso.cookie, body: { ...body, name: "Another" } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].field).toBe("slug");
    const malformed = await t.request({
      method: "POST",
      url: `${base}/groups`,
      cookie: dso.cookie,
      body: { ...body, slug: "Open Data!", links: [{ label: "Site", url: "javascript:alert(1)" }] },
    });
    expect(malformed.statusCode).toBe(400);
    expect(
      malformed
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(["links.0.url", "slug"]);
    expect((await get<{ groups: { slug: string }[] }>(`${base}/groups`)).groups.filter((group) => group.slug === "open-data-club")).toHaveLength(1);
  });

  it("shows organizers' names to people signed in only, and answers an unknown group with 404", async () => {
    const anonymous = await get<GroupView>(`${base}/groups/code-for-springfield`);
    expect(anonymous.organizers).toBeNull();
    expect(anonymous.viewer).toEqual({ status: "anonymous", canManage: false });
    expect(JSON.stringify(anonymous)).not.toContain("Chris Okafor");
    expect(anonymous.events.map((event) => event.title)).toEqual(["Hack night: permits and library cards"]);
    expect(anonymous.projects.map((project) => project.name).sort()).toEqual(["Library card renewal online", "Permit status tracker"]);
    const signedIn = await get<GroupView>(`${base}/groups/code-for-springfield`, organizer);
    expect(signedIn.organizers?.map((person) => person.name)).toEqual(["Chris Okafor"]);
    expect(signedIn.viewer).toEqual({ status: "organizer", canManage: true });
    expect((await t.request({ method: "GET", url: `${base}/groups/no-such-group` })).statusCode).toBe(404);
  });

  it("let people join, or ask to where organizers approve members; only organizers approve; the last organizer cannot leave", async () => {
    const newcomer = await t.personWithRoles(city, "newcomer@springfield.example", []);
    const join = await t.request({ method: "POST", url: `${base}/groups/code-for-springfield/membership`, cookie: newcomer.cookie });
    expect(join.json()).toEqual({ status: "pending" });
    // Asking twice changes nothing.
    expect((await t.request({ method: "POST", url: `${base}/groups/code-for-springfield/membership`, cookie: newcomer.cookie })).json()).toEqual({
      status: "pending",
    });
    const stranger = await t.personWithRoles(city, "stranger@springfield.example", []);
    const decisionUrl = `${base}/groups/code-for-springfield/members/${newcomer.userId}/decision`;
    expect((await t.request({ method: "POST", url: decisionUrl, cookie: stranger.cookie, body: { decision: "approve" } })).statusCode).toBe(403);
    expect((await t.request({ method: "GET", url: `${base}/groups/code-for-springfield/members`, cookie: stranger.cookie })).statusCode).toBe(403);
    expect((await t.request({ method: "POST", url: decisionUrl, cookie: organizer, body: { decision: "approve" } })).statusCode).toBe(204);
    expect((await get<GroupView>(`${base}/groups/code-for-springfield`, newcomer.cookie)).viewer.status).toBe("member");
    expect((await t.request({ method: "POST", url: decisionUrl, cookie: organizer, body: { decision: "approve" } })).statusCode).toBe(404);

    const members = await get<{ members: { userId: string; email: string; status: string }[] }>(`${base}/groups/code-for-springfield/members`, organizer);
    expect(members.members.find((member) => member.userId === newcomer.userId)).toMatchObject({ email: "newcomer@springfield.example", status: "active" });

    // Eastside approves nobody: joining is at once.
    expect((await t.request({ method: "POST", url: `${base}/groups/eastside-neighbors/membership`, cookie: newcomer.cookie })).json()).toEqual({
      status: "member",
    });
    expect((await t.request({ method: "DELETE", url: `${base}/groups/eastside-neighbors/membership`, cookie: newcomer.cookie })).statusCode).toBe(204);

    const lastOne = await t.request({ method: "DELETE", url: `${base}/groups/code-for-springfield/membership`, cookie: organizer });
    expect(lastOne.statusCode).toBe(409);
    expect(lastOne.json().detail).toMatch(/at least one organizer/);
    const audit = await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.action, "group.join-approved"));
    expect(audit).toHaveLength(1);
  });
});

describe("projects and their roles", () => {
  it("are added by the group's organizers only, linked to this city's problems and bounties, and refused with the field when not", async () => {
    const body = {
      name: "Pothole reporter",
      summary: "Report a pothole with a photo and follow it until it is fixed.",
      stage: "idea",
      technologies: ["TypeScript", "TypeScript", "Leaflet"],
      problemIds: [],
      bountyIds: [],
    };
    const member = await t.signIn("dana@springfield.example");
    expect((await t.request({ method: "POST", url: `${base}/groups/code-for-springfield/projects`, cookie: member, body })).statusCode).toBe(403);
    const wrong = await t.request({
      method: "POST",
      url: `${base}/groups/code-for-springfield/projects`,
      cookie: organizer,
      body: { ...body, problemIds: ["00000000-0000-4000-8000-000000000000"], repositoryUrl: "not a url" },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors.map((error: { field: string }) => error.field)).toEqual(["repositoryUrl"]);
    const unknownProblem = await t.request({
      method: "POST",
      url: `${base}/groups/code-for-springfield/projects`,
      cookie: organizer,
      body: { ...body, problemIds: ["00000000-0000-4000-8000-000000000000"] },
    });
    expect(unknownProblem.statusCode).toBe(400);
    expect(unknownProblem.json().errors[0]).toMatchObject({ field: "problemIds" });
    expect(await t.database.db.select().from(projects).where(eq(projects.name, "Pothole reporter"))).toEqual([]);

    const created = await t.request({ method: "POST", url: `${base}/groups/code-for-springfield/projects`, cookie: organizer, body });
    expect(created.statusCode).toBe(201);
    const project: ProjectView = created.json();
    expect(project.technologies).toEqual(["TypeScript", "Leaflet"]);
    const [skill] = await t.database.db
      .select()
      .from(skills)
      .where(and(eq(skills.cityId, city.id), eq(skills.slug, "data-analysis")));
    const role = await t.request({
      method: "POST",
      url: `${base}/projects/${project.id}/roles`,
      cookie: organizer,
      body: { title: "Data analyst", skillIds: [skill?.id] },
      headers: { "accept-language": "es" },
    });
    expect(role.statusCode).toBe(201);
    expect(role.json().roles[0]).toMatchObject({ title: "Data analyst", status: "open", skills: [{ name: "Análisis de datos" }] });
    const same = await t.request({
      method: "POST",
      url: `${base}/groups/code-for-springfield/projects`,
      cookie: organizer,
      body: { ...body, name: "pothole REPORTER" },
    });
    expect(same.statusCode).toBe(409);
  });

  it("show members' names to people signed in only", async () => {
    const tracker = await projectNamed("Permit status tracker");
    const anonymous = await get<ProjectView>(`${base}/projects/${tracker.id}`);
    expect(anonymous.members).toBeNull();
    expect(anonymous.memberCount).toBe(1);
    expect(anonymous.problems.map((problem) => problem.title)).toEqual(["Park permits are handled on paper forms"]);
    expect(anonymous.bounties.map((bounty) => bounty.title)).toEqual(["Permit status page for league organisers"]);
    expect(JSON.stringify(anonymous)).not.toContain("Priya Shah");
    const signedIn = await get<ProjectView>(`${base}/projects/${tracker.id}`, organizer);
    expect(signedIn.members).toEqual([expect.objectContaining({ name: "Priya Shah", roleTitle: "Front-end developer" })]);
    expect((await t.request({ method: "GET", url: `${base}/projects/00000000-0000-4000-8000-000000000000` })).statusCode).toBe(404);
  });
});

describe("applications to a role", () => {
  it("are made once however many times a person clicks, answered once however many organizers answer, and the approved volunteer shows on the project", async () => {
    const tracker = await projectNamed("Permit status tracker");
    const researcher = await roleTitled(tracker.id, "UX researcher");
    const applicant = await t.personWithRoles(city, "researcher@springfield.example", [{ role: "volunteer" }]);
    const url = `${base}/projects/${tracker.id}/roles/${researcher.id}/applications`;
    const message = "I interview residents for a living and would love to test the page with league organisers.";

    const tooShort = await t.request({ method: "POST", url, cookie: applicant.cookie, body: { message: "hi" } });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().errors[0].field).toBe("message");

    const answers = await Promise.all(Array.from({ length: 8 }, () => t.request({ method: "POST", url, cookie: applicant.cookie, body: { message } })));
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(answers.find((answer) => answer.statusCode === 409)?.json().detail).toMatch(/already applied/);
    const live = await t.database.db
      .select()
      .from(roleApplications)
      .where(and(eq(roleApplications.roleId, researcher.id), eq(roleApplications.userId, applicant.userId)));
    expect(live).toHaveLength(1);
    const application = live[0];
    if (!application) throw new Error("no application");
    // The organizers heard of it at once.
    expect((await t.awaitMail("organizer@springfield.example", "group-application-new"))?.subject).toContain("UX researcher");

    // Someone who does not organize the group cannot answer; two organizers answering at once make one answer.
    const stranger = await t.personWithRoles(city, "stranger2@springfield.example", []);
    const decision = `${base}/applications/${application.id}/decision`;
    expect((await t.request({ method: "POST", url: decision, cookie: stranger.cookie, body: { decision: "approve" } })).statusCode).toBe(403);
    const decided = await Promise.all([
      t.request({ method: "POST", url: decision, cookie: organizer, body: { decision: "approve" } }),
      t.request({ method: "POST", url: decision, cookie: dso.cookie, body: { decision: "approve" } }),
    ]);
    expect(decided.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    expect(decided.find((answer) => answer.statusCode === 409)?.json().detail).toMatch(/already been answered/);
    expect(decided.find((answer) => answer.statusCode === 200)?.json()).toMatchObject({
      status: "approved",
      applicant: { email: "researcher@springfield.example" },
    });
    expect((await t.awaitMail("researcher@springfield.example", "group-application-approved"))?.subject).toContain("UX researcher");

    const page = await get<ProjectView>(`${base}/projects/${tracker.id}`, applicant.cookie);
    expect(page.members?.map((member) => [member.name, member.roleTitle])).toContainEqual(["researcher", "UX researcher"]);
    expect(page.viewer.applications).toEqual([{ id: application.id, roleId: researcher.id, status: "approved" }]);

    // Someone else's application does not exist for them; the applicant steps down, and may apply again.
    expect((await t.request({ method: "DELETE", url: `${base}/applications/${application.id}`, cookie: stranger.cookie })).statusCode).toBe(404);
    expect((await t.request({ method: "DELETE", url: `${base}/applications/${application.id}`, cookie: applicant.cookie })).statusCode).toBe(204);
    expect((await t.request({ method: "DELETE", url: `${base}/applications/${application.id}`, cookie: applicant.cookie })).statusCode).toBe(409);
    expect((await get<ProjectView>(`${base}/projects/${tracker.id}`, applicant.cookie)).members?.map((member) => member.name)).not.toContain("researcher");
    const again = await t.request({ method: "POST", url, cookie: applicant.cookie, body: { message } });
    expect(again.statusCode).toBe(201);
  });

  it("declined, carry the organizers' reason to the applicant", async () => {
    const library = await projectNamed("Library card renewal online");
    const analyst = await roleTitled(library.id, "Data analyst");
    const applicant = await t.personWithRoles(city, "numbers@springfield.example", []);
    const applied = await t.request({
      method: "POST",
      url: `${base}/projects/${library.id}/roles/${analyst.id}/applications`,
      cookie: applicant.cookie,
      body: { message: "I analyse data for a hospital and can help with the branch figures." },
    });
    expect(applied.statusCode).toBe(201);
    const [application] = await t.database.db.select().from(roleApplications).where(eq(roleApplications.userId, applicant.userId));
    const declined = await t.request({
      method: "POST",
      url: `${base}/applications/${application?.id}/decision`,
      cookie: organizer,
      body: { decision: "decline", reason: "We need someone on Wednesday evenings." },
    });
    expect(declined.json()).toMatchObject({ status: "declined", declineReason: "We need someone on Wednesday evenings." });
    const mail = await t.awaitMail("numbers@springfield.example", "group-application-declined");
    expect(mail?.textBody).toContain("We need someone on Wednesday evenings.");
    const mine = await get<{ applications: { status: string; declineReason: string | null }[] }>(`${base}/applications/mine`, applicant.cookie);
    expect(mine.applications).toEqual([expect.objectContaining({ status: "declined", declineReason: "We need someone on Wednesday evenings." })]);
  });

  it("are refused on a role that is not open", async () => {
    const tracker = await projectNamed("Permit status tracker");
    const frontEnd = await roleTitled(tracker.id, "Front-end developer");
    const closed = await t.request({
      method: "PUT",
      url: `${base}/projects/${tracker.id}/roles/${frontEnd.id}`,
      cookie: organizer,
      body: { title: frontEnd.title, description: frontEnd.description, skillIds: frontEnd.skillIds, status: "filled" },
    });
    expect(closed.statusCode).toBe(200);
    const applicant = await t.personWithRoles(city, "late@springfield.example", []);
    const refused = await t.request({
      method: "POST",
      url: `${base}/projects/${tracker.id}/roles/${frontEnd.id}/applications`,
      cookie: applicant.cookie,
      body: { message: "I would like to help build the page." },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/no longer open/);
  });

  it("left waiting are reminded to the organizers after 2 days and again after 7, each once", async () => {
    const before = await t.database.db.select({ id: outboxMessages.id }).from(outboxMessages).where(eq(outboxMessages.kind, "group-application-waiting"));
    // The demo's translator application has waited three days.
    const now = new Date();
    const runs = await Promise.all([
      remindWaitingApplications(t.database.db, t.services.mailer, testPublic, now),
      remindWaitingApplications(t.database.db, t.services.mailer, testPublic, now),
    ]);
    expect(runs[0] + runs[1]).toBe(1);
    expect(await remindWaitingApplications(t.database.db, t.services.mailer, testPublic, now)).toBe(0);
    const waiting = await t.latestMail("organizer@springfield.example", "group-application-waiting");
    expect(waiting?.subject).toMatch(/^Waiting 3 days/);
    // Five days later it has waited eight: the second reminder, once. (Applications made by the tests above get their first.)
    const later = new Date(now.getTime() + 5 * 86_400_000);
    expect(await remindWaitingApplications(t.database.db, t.services.mailer, testPublic, later)).toBeGreaterThanOrEqual(1);
    expect(await remindWaitingApplications(t.database.db, t.services.mailer, testPublic, later)).toBe(0);
    const [translator] = await t.database.db
      .select({ first: roleApplications.firstReminderAt, second: roleApplications.secondReminderAt })
      .from(roleApplications)
      .where(eq(roleApplications.message, "Translation is my trade; I can translate the page and the messages into Spanish."));
    expect(translator).toEqual({ first: now, second: later });
    const eightDays = await t.database.db
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.kind, "group-application-waiting"), sql`${outboxMessages.subject} like 'Waiting 8 days%'`));
    expect(eightDays).toHaveLength(1);
    const after = await t.database.db.select({ id: outboxMessages.id }).from(outboxMessages).where(eq(outboxMessages.kind, "group-application-waiting"));
    expect(after.length - before.length).toBeGreaterThanOrEqual(2);
  });
});

const testPublic = "http://civitas.test";

describe("discovery", () => {
  it("ranks open roles by the skills of the reader's profile", async () => {
    // Priya does web development, data analysis and user research.
    const priya = await t.signIn("priya@springfield.example");
    const matches = await get<{ hasProfile: boolean; roles: { role: { title: string }; score: number; matchedSkills: string[] }[] }>(
      `${base}/projects/matches`,
      priya,
    );
    expect(matches.hasProfile).toBe(true);
    const top = matches.roles.filter((match) => match.score === 1).map((match) => match.role.title);
    expect(top).toEqual(expect.arrayContaining(["Data analyst"]));
    expect(matches.roles.find((match) => match.role.title === "Delivery driver")?.score).toBe(0);
    expect(matches.roles.find((match) => match.role.title === "Data analyst")?.matchedSkills).toEqual(["Data analysis"]);
    expect((await t.request({ method: "GET", url: `${base}/projects/matches` })).statusCode).toBe(401);
    const found = await get<{ projects: { name: string }[] }>(`${base}/projects?q=library`);
    expect(found.projects.map((project) => project.name)).toEqual(["Library card renewal online"]);
  });

  it("shows the DSO which groups work on which problems", async () => {
    const volunteer = await t.signIn("dana@springfield.example");
    expect((await t.request({ method: "GET", url: `${base}/groups/problem-work`, cookie: volunteer })).statusCode).toBe(403);
    const work = await get<{ problems: { problem: { title: string }; projects: { name: string; group: { slug: string } }[] }[] }>(
      `${base}/groups/problem-work`,
      dso.cookie,
    );
    expect(work.problems.find((item) => item.problem.title === "Park permits are handled on paper forms")?.projects).toEqual([
      expect.objectContaining({ name: "Permit status tracker", group: expect.objectContaining({ slug: "code-for-springfield" }) }),
    ]);
  });
});

describe("a group's events", () => {
  it("are opportunities its organizers run with the shift engine; agency staff and other groups' organizers have no say", async () => {
    const [brigade] = (await t.database.db.execute<{ id: string }>(sql`select id from groups where slug = 'code-for-springfield'`)).rows;
    const created = await t.request({
      method: "POST",
      url: `${base}/opportunities`,
      cookie: organizer,
      body: {
        groupId: brigade?.id,
        title: "Workshop: open data for beginners",
        summary: "Learn to read the city's budget data in a spreadsheet.",
        locationKind: "remote",
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const event = created.json();
    expect(event).toMatchObject({ agency: null, group: { slug: "code-for-springfield", name: "Code for Springfield" } });
    const both = await t.request({
      method: "POST",
      url: `${base}/opportunities`,
      cookie: dso.cookie,
      body: { groupId: brigade?.id, agencyId: event.id, title: "Both hosts", summary: "This names two hosts at once.", locationKind: "remote" },
    });
    expect(both.statusCode).toBe(400);

    const parks = (await t.database.db.execute<{ id: string }>(sql`select id from agencies where slug = 'parks'`)).rows[0];
    const parksStaff = await t.personWithRoles(city, "parks2@springfield.example", [{ role: "agency_staff", agencyId: parks?.id }]);
    const eastsideOrganizer = await t.signIn("luis@springfield.example");
    for (const cookie of [parksStaff.cookie, eastsideOrganizer]) {
      const refused = await t.request({ method: "PATCH", url: `${base}/opportunities/${event.id}`, cookie, body: { title: "Taken over" } });
      expect(refused.statusCode).toBe(403);
    }
    const shift = await t.request({
      method: "POST",
      url: `${base}/opportunities/${event.id}/shifts`,
      cookie: organizer,
      body: { startsAt: "2031-03-05T18:00", endsAt: "2031-03-05T20:00", capacity: 12 },
    });
    expect(shift.statusCode, shift.body).toBe(201);
    expect((await t.request({ method: "POST", url: `${base}/opportunities/${event.id}/publish`, cookie: organizer })).statusCode).toBe(200);
    const staffList = await get<{ opportunities: { title: string }[] }>(`${base}/admin/opportunities`, organizer);
    expect(staffList.opportunities.map((item) => item.title)).toEqual(
      expect.arrayContaining(["Workshop: open data for beginners", "Hack night: permits and library cards"]),
    );
    expect(staffList.opportunities.every((item) => item.title !== "Flu clinic greeters")).toBe(true);
    const group = await get<GroupView>(`${base}/groups/code-for-springfield`);
    expect(group.events.map((item) => item.title)).toContain("Workshop: open data for beginners");
  });
});

describe("the person's memberships", () => {
  it("name the groups they organize, so that pages can offer them their groups' events", async () => {
    const me = await get<{ memberships: { city: { slug: string }; organizes: { slug: string }[] }[] }>("/api/v1/me", organizer);
    expect(me.memberships.find((membership) => membership.city.slug === "springfield")?.organizes.map((group) => group.slug)).toEqual(["code-for-springfield"]);
  });
});

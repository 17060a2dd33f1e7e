import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import { cityDateOf, parseCityDateTime } from "../../platform/time.ts";
import { opportunities, shifts } from "../opportunities/schema.ts";
import { type GroupLink, groupMembers, groups, projectRoles, projects, roleApplications } from "./schema.ts";

/** Two groups in the demo city, so that campaigns can be aimed at a group's members; their projects come later (seedGroupWorkDemo). */

const groupSeeds: {
  slug: string;
  name: string;
  description: string;
  links: GroupLink[];
  approvalRequired: boolean;
  members: { email: string; role?: "organizer"; pending?: true }[];
}[] = [
  {
    slug: "code-for-springfield",
    name: "Code for Springfield",
    description: "The city's civic-tech brigade: hack nights every other Wednesday, projects with the Digital Service Office.",
    links: [
      { label: "Code on GitHub", url: "https://github.com/code-for-springfield" },
      { label: "Chat", url: "https://chat.codeforspringfield.org" },
    ],
    approvalRequired: true,
    members: [
      { email: "organizer@springfield.example", role: "organizer" },
      { email: "priya@springfield.example" },
      { email: "dana@springfield.example" },
      { email: "tom@springfield.example", pending: true },
    ],
  },
  {
    slug: "eastside-neighbors",
    name: "Eastside Neighbors Association",
    description: "Neighbours who keep the Eastside pantry, the community garden and the block parties going.",
    links: [{ label: "Newsletter", url: "https://eastsideneighbors.org" }],
    approvalRequired: false,
    members: [{ email: "luis@springfield.example", role: "organizer" }, { email: "ana@springfield.example" }, { email: "tom@springfield.example" }],
  },
];

export async function seedGroupDemo(db: Database, city: { id: string }, userIdByEmail: ReadonlyMap<string, string>): Promise<void> {
  for (const seed of groupSeeds) {
    const [existing] = await db
      .select({ id: groups.id })
      .from(groups)
      .where(and(eq(groups.cityId, city.id), eq(groups.slug, seed.slug)));
    const group =
      existing ??
      (
        await db
          .insert(groups)
          .values({
            cityId: city.id,
            slug: seed.slug,
            name: seed.name,
            description: seed.description,
            links: seed.links,
            approvalRequired: seed.approvalRequired,
          })
          .returning({ id: groups.id })
      )[0];
    if (!group) throw new Error("group insert returned no row");
    for (const member of seed.members) {
      const userId = userIdByEmail.get(member.email);
      if (!userId) continue;
      await db
        .insert(groupMembers)
        .values({ cityId: city.id, groupId: group.id, userId, role: member.role ?? "member", status: member.pending ? "pending" : "active" })
        .onConflictDoNothing();
    }
  }
}

const day = 86_400_000;

/**
 * What the groups work on, seeded once the problems and bounties exist: projects linked to them with
 * open roles, one member approved on a role, one application waiting three days (its first
 * reminder is due), and Code for Springfield's next two hack nights as events with shifts.
 */
export async function seedGroupWorkDemo(db: Database, city: { id: string; timeZone: string }, userIdByEmail: ReadonlyMap<string, string>): Promise<void> {
  const groupIds = new Map(
    (await db.select({ slug: groups.slug, id: groups.id }).from(groups).where(eq(groups.cityId, city.id))).map((row) => [row.slug, row.id]),
  );
  const brigade = groupIds.get("code-for-springfield");
  const eastside = groupIds.get("eastside-neighbors");
  if (!brigade || !eastside) return;
  const [existing] = await db.select({ id: projects.id }).from(projects).where(eq(projects.cityId, city.id)).limit(1);
  if (existing) return;
  const skillIds = new Map(
    (await db.execute<{ slug: string; id: string }>(sql`select slug, id from skills where city_id = ${city.id}`)).rows.map((row) => [row.slug, row.id]),
  );
  const problemIds = new Map(
    (await db.execute<{ title: string; id: string }>(sql`select title, id from problems where city_id = ${city.id}`)).rows.map((row) => [row.title, row.id]),
  );
  const bountyIds = new Map(
    (await db.execute<{ title: string; id: string }>(sql`select title, id from bounties where city_id = ${city.id} and published_at is not null`)).rows.map(
      (row) => [row.title, row.id],
    ),
  );
  const ids = (map: Map<string, string>, keys: string[]) => keys.map((key) => map.get(key)).filter((id): id is string => !!id);
  const organizer = userIdByEmail.get("organizer@springfield.example") ?? null;

  const projectSeeds = [
    {
      groupId: brigade,
      name: "Permit status tracker",
      summary: "A page where league organisers see where their field and picnic shelter permits stand, without calling the permit desk.",
      description:
        "Built with the Parks permit desk after the paper process was mapped. The first version reads the permit spreadsheet; the next one will use the city's booking system.",
      stage: "prototype" as const,
      technologies: ["TypeScript", "React", "PostgreSQL"],
      repositoryUrl: "https://github.com/code-for-springfield/permit-status",
      problemIds: ids(problemIds, ["Park permits are handled on paper forms"]),
      bountyIds: ids(bountyIds, ["Permit status page for league organisers"]),
      roles: [
        { title: "Front-end developer", description: "Build the status page and keep it fast on phones.", skills: ["web-development"] },
        { title: "UX researcher", description: "Talk with league organisers and the permit desk; test the page with them.", skills: ["user-research"] },
        { title: "Spanish translator", description: "Translate the page and its messages for Spanish-speaking leagues.", skills: ["translation"] },
      ],
    },
    {
      groupId: brigade,
      name: "Library card renewal online",
      summary: "Renew a library card online with the address the city already has on file, instead of a visit to a branch.",
      description: "Research first: how many renewals a month, what the branches check today, and what the law asks for.",
      stage: "research" as const,
      technologies: ["Python"],
      repositoryUrl: null,
      problemIds: ids(problemIds, ["Library card renewal needs a visit to a branch"]),
      bountyIds: [],
      roles: [{ title: "Data analyst", description: "Work out from the branches' figures where renewals pile up.", skills: ["data-analysis"] }],
    },
    {
      groupId: eastside,
      name: "Pantry delivery rota",
      summary: "A shared rota so that Eastside pantry deliveries reach neighbours who cannot come in person.",
      description: "",
      stage: "live" as const,
      technologies: ["Spreadsheet"],
      repositoryUrl: null,
      problemIds: [],
      bountyIds: [],
      roles: [{ title: "Delivery driver", description: "Saturday mornings, two hours, your own car.", skills: ["driving"] }],
    },
  ];
  const roleIds = new Map<string, { projectId: string; roleId: string }>();
  for (const seed of projectSeeds) {
    const [project] = await db
      .insert(projects)
      .values({
        cityId: city.id,
        groupId: seed.groupId,
        name: seed.name,
        summary: seed.summary,
        description: seed.description,
        stage: seed.stage,
        technologies: seed.technologies,
        repositoryUrl: seed.repositoryUrl,
        problemIds: seed.problemIds,
        bountyIds: seed.bountyIds,
        createdBy: organizer,
      })
      .returning({ id: projects.id });
    if (!project) continue;
    for (const role of seed.roles) {
      const [created] = await db
        .insert(projectRoles)
        .values({ cityId: city.id, projectId: project.id, title: role.title, description: role.description, skillIds: ids(skillIds, role.skills) })
        .returning({ id: projectRoles.id });
      if (created) roleIds.set(role.title, { projectId: project.id, roleId: created.id });
    }
  }

  const priya = userIdByEmail.get("priya@springfield.example");
  const frontEnd = roleIds.get("Front-end developer");
  if (priya && frontEnd)
    await db.insert(roleApplications).values({
      cityId: city.id,
      ...frontEnd,
      userId: priya,
      message: "I build web apps at work and would like to help with the permit page on Wednesday nights.",
      status: "approved",
      decidedBy: organizer,
      decidedAt: new Date(Date.now() - 10 * day),
      createdAt: new Date(Date.now() - 12 * day),
    });
  const luis = userIdByEmail.get("luis@springfield.example");
  const translator = roleIds.get("Spanish translator");
  if (luis && translator)
    await db.insert(roleApplications).values({
      cityId: city.id,
      ...translator,
      userId: luis,
      message: "Translation is my trade; I can translate the page and the messages into Spanish.",
      createdAt: new Date(Date.now() - 3 * day),
    });

  // The next two hack nights, every other Wednesday at the main library.
  const wednesday = nextWeekday(3, city.timeZone);
  const [event] = await db
    .insert(opportunities)
    .values({
      cityId: city.id,
      groupId: brigade,
      title: "Hack night: permits and library cards",
      summary: "An evening with the brigade on the permit status tracker and the library renewal research. Newcomers welcome; a laptop helps.",
      description: "Pizza at six. We start with a short round of introductions, then split into project tables.",
      requiredSkillIds: [],
      locationKind: "in_person",
      address: "Springfield Public Library, Main Branch, 326 S 7th St",
      neighbourhood: "Downtown",
      latitude: 39.7986,
      longitude: -89.6508,
      status: "published",
      publishedAt: new Date(),
      createdBy: organizer,
    })
    .returning({ id: opportunities.id });
  if (event)
    await db.insert(shifts).values(
      [0, 14].map((offset) => ({
        cityId: city.id,
        opportunityId: event.id,
        startsAt: parseCityDateTime(`${addDays(wednesday, offset)}T18:00`, city.timeZone),
        endsAt: parseCityDateTime(`${addDays(wednesday, offset)}T21:00`, city.timeZone),
        capacity: 30,
        confirmedCount: 0,
      })),
    );
}

/** The next given weekday (0 Sunday … 6 Saturday) after today on the city's calendar, as YYYY-MM-DD. */
function nextWeekday(weekday: number, timeZone: string): string {
  const today = cityDateOf(new Date(), timeZone);
  const date = new Date(`${today}T12:00:00Z`);
  do date.setUTCDate(date.getUTCDate() + 1);
  while (date.getUTCDay() !== weekday);
  return date.toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

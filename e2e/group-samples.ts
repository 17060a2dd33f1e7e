import type { PageSample } from "./pages.ts";

/**
 * The civic-tech group and project pages the browser tests visit. Pure data and plain fetch, no
 * Playwright: e2e/pages.ts spreads these samples, and src/web/page-coverage.test.ts reads that file.
 */

/** The demo city's groups and projects (src/server/modules/groups/seed-demo.ts). */
export const demoGroup = { slug: "code-for-springfield", name: "Code for Springfield" } as const;
export const demoProjectNames = {
  permits: "Permit status tracker",
  library: "Library card renewal online",
  pantry: "Pantry delivery rota",
} as const;
export const demoHackNight = "Hack night: permits and library cards";

/** Everything the demo groups and projects say, shown as written whatever the reader's language. */
export const demoGroupText = [
  demoGroup.name,
  "The city's civic-tech brigade: hack nights every other Wednesday, projects with the Digital Service Office.",
  "Code on GitHub",
  "Chat",
  "Eastside Neighbors Association",
  "Neighbours who keep the Eastside pantry, the community garden and the block parties going.",
  "Newsletter",
  ...Object.values(demoProjectNames),
  "A page where league organisers see where their field and picnic shelter permits stand, without calling the permit desk.",
  "Built with the Parks permit desk after the paper process was mapped. The first version reads the permit spreadsheet; the next one will use the city's booking system.",
  "Renew a library card online with the address the city already has on file, instead of a visit to a branch.",
  "Research first: how many renewals a month, what the branches check today, and what the law asks for.",
  "A shared rota so that Eastside pantry deliveries reach neighbours who cannot come in person.",
  "TypeScript",
  "React",
  "PostgreSQL",
  "Python",
  "Spreadsheet",
  "https://github.com/code-for-springfield/permit-status",
  "Front-end developer",
  "Build the status page and keep it fast on phones.",
  "UX researcher",
  "Talk with league organisers and the permit desk; test the page with them.",
  "Spanish translator",
  "Translate the page and its messages for Spanish-speaking leagues.",
  "Data analyst",
  "Work out from the branches' figures where renewals pile up.",
  "Delivery driver",
  "Saturday mornings, two hours, your own car.",
  demoHackNight,
  "An evening with the brigade on the permit status tracker and the library renewal research. Newcomers welcome; a laptop helps.",
  // What the organizers' page shows of the demo members and applications.
  "I build web apps at work and would like to help with the permit page on Wednesday nights.",
  "Translation is my trade; I can translate the page and the messages into Spanish.",
];

/** The URL parameters these samples use, filled in by groupSampleValue. */
export const groupUrlParameters = ["projectId"] as const;
export type GroupUrlParameter = (typeof groupUrlParameters)[number];

/** The samples for the group and project routes, in the city `city`; `dataText` is what other demo records say. */
export function groupPageSamples(city: string, dataText: string[]): PageSample[] {
  const text = [...demoGroupText, ...dataText];
  return [
    { pattern: "/:city/groups", label: "civic-tech groups", url: `/${city}/groups`, as: "anonymous", heading: { key: "groups.list.title" }, dataText: text },
    {
      pattern: "/:city/groups/:group",
      label: "a group with its projects and coming hack nights",
      url: `/${city}/groups/${demoGroup.slug}`,
      as: "anonymous",
      heading: { text: demoGroup.name },
      dataText: text,
    },
    {
      pattern: "/:city/groups/:group",
      label: "a group, signed in as a member",
      url: `/${city}/groups/${demoGroup.slug}`,
      as: "dana",
      heading: { text: demoGroup.name },
      dataText: [...text, "Chris Okafor"],
    },
    {
      pattern: "/:city/groups/:group",
      label: "unknown group",
      url: `/${city}/groups/no-such-group`,
      as: "anonymous",
      heading: { key: "notFound.title" },
      expectedConsoleErrors: ["404 (Not Found)"],
    },
    {
      pattern: "/:city/groups/:group/manage",
      label: "a group's members, applications, projects and events, its organizer",
      url: `/${city}/groups/${demoGroup.slug}/manage`,
      as: "organizer",
      heading: { key: "groups.manage.heading" },
      dataText: text,
    },
    {
      pattern: "/:city/projects",
      label: "civic-tech projects",
      url: `/${city}/projects`,
      as: "anonymous",
      heading: { key: "projects.list.title" },
      dataText: text,
    },
    {
      pattern: "/:city/projects",
      label: "projects searched, with the roles matched to a volunteer's skills",
      url: `/${city}/projects?stage=prototype&q=permit`,
      as: "dana",
      heading: { key: "projects.list.title" },
      dataText: text,
    },
    {
      pattern: "/:city/projects/:projectId",
      label: "a project with its roles, problem and bounty",
      url: `/${city}/projects/{projectId}`,
      as: "anonymous",
      heading: { text: demoProjectNames.permits },
      dataText: text,
    },
    {
      pattern: "/:city/projects/:projectId",
      label: "a project, signed in, with members' names and the apply buttons",
      url: `/${city}/projects/{projectId}`,
      as: "dana",
      heading: { text: demoProjectNames.permits },
      dataText: [...text, "Priya Shah"],
    },
    {
      pattern: "/:city/projects/:projectId/edit",
      label: "a project's editor with its roles, its organizer",
      url: `/${city}/projects/{projectId}/edit`,
      as: "organizer",
      heading: { key: "projects.editor.heading" },
      dataText: text,
    },
    {
      pattern: "/:city/my-applications",
      label: "a volunteer's applications",
      url: `/${city}/my-applications`,
      as: "dana",
      heading: { key: "projects.mine.title" },
    },
    {
      pattern: "/:city/admin/groups",
      label: "the groups and the problems their projects work on, DSO staff",
      url: `/${city}/admin/groups`,
      as: "dso",
      heading: { key: "groups.admin.title" },
      dataText: text,
    },
  ];
}

/** The demo project "Permit status tracker", from the public list. */
export async function groupSampleValue(name: GroupUrlParameter, baseURL: string, city: string): Promise<string> {
  if (name !== "projectId") throw new Error(`Unknown group sample parameter ${name}`);
  const response = await fetch(new URL(`/api/v1/cities/${city}/projects?${new URLSearchParams({ q: demoProjectNames.permits })}`, baseURL));
  if (response.status !== 200) throw new Error(`GET the projects of ${city}: ${response.status} ${await response.text()}`);
  const { projects } = (await response.json()) as { projects: { id: string; name: string }[] };
  const found = projects.find((project) => project.name === demoProjectNames.permits);
  if (!found) throw new Error(`The demo city has no project "${demoProjectNames.permits}"`);
  return found.id;
}

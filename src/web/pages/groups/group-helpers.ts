/** Pure helpers the group and project pages share: no React, no requests. */

type ApplicationStatus = "pending" | "approved" | "declined" | "withdrawn";

/** Technologies typed as one line, "TypeScript, React, PostgreSQL": trimmed, empty parts and repeats dropped. */
export function parseTechnologies(line: string): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const part of line.split(",")) {
    const name = part.trim();
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    result.push(name);
  }
  return result;
}

/**
 * The reader's application that speaks for a role: one that is pending or approved if there is one
 * (they cannot apply again), otherwise the latest answered one (declined or withdrawn), or none.
 */
export function applicationForRole<T extends { roleId: string; status: ApplicationStatus }>(applications: readonly T[], roleId: string): T | undefined {
  const forRole = applications.filter((application) => application.roleId === roleId);
  return forRole.find((application) => application.status === "pending" || application.status === "approved") ?? forRole.at(-1);
}

/** Whether the reader may apply to a role: it is open and no application of theirs is pending or approved. */
export function canApply(roleStatus: "open" | "filled" | "closed", application: { status: ApplicationStatus } | undefined): boolean {
  if (roleStatus !== "open") return false;
  return !application || application.status === "declined" || application.status === "withdrawn";
}

/** Requests to join first, then organizers, then members; by name within each. */
export function sortMembers<T extends { name: string; role: "member" | "organizer"; status: "pending" | "active" }>(
  members: readonly T[],
  locale: string,
): T[] {
  const rank = (member: T) => (member.status === "pending" ? 0 : member.role === "organizer" ? 1 : 2);
  return [...members].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, locale));
}

/** The query string of the project search, leaving out what is empty. */
export function projectQueryOf(filters: { q?: string; stage?: string; skill?: string }): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    const trimmed = value?.trim();
    if (trimmed) query.set(name, trimmed);
  }
  return query.toString();
}

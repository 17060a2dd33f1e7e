import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import { groupMembers, groups } from "./schema.ts";

/** Two groups in the demo city, so that campaigns can be aimed at a group's members. */

const groupSeeds: { slug: string; name: string; description: string; members: { email: string; role?: "organizer"; pending?: true }[] }[] = [
  {
    slug: "code-for-springfield",
    name: "Code for Springfield",
    description: "The city's civic-tech brigade: hack nights every other Wednesday, projects with the Digital Service Office.",
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
      (await db.insert(groups).values({ cityId: city.id, slug: seed.slug, name: seed.name, description: seed.description }).returning({ id: groups.id }))[0];
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

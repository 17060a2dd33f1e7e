import { eq } from "drizzle-orm";
import { users } from "../../platform/auth/index.ts";
import type { PersonalDataProvider } from "../../platform/personal-data/index.ts";
import { invitations } from "./schema.ts";

/** Invitations sent to the person's address. */
export const staffPersonalData: PersonalDataProvider = {
  name: "invitations",
  async export(db, userId) {
    const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
    if (!user) return [];
    return db
      .select({ id: invitations.id, role: invitations.role, status: invitations.status, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt })
      .from(invitations)
      .where(eq(invitations.email, user.email.toLowerCase()));
  },
  async erase(tx, person) {
    await tx.delete(invitations).where(eq(invitations.email, person.email.toLowerCase()));
  },
};

import { eq } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import type { Auth } from "./index.ts";
import { users } from "./schema.ts";

export interface ProvisionUserInput {
  email: string;
  name: string;
  password?: string;
  locale?: string | null;
  isPlatformAdmin?: boolean;
  /** Whether the address is known to work; false for addresses a resident typed and has not confirmed. */
  emailVerified?: boolean;
}

/**
 * Creates an account from the server side (CLI, seed), or returns the existing one for that email.
 * With a password the account can sign in by email + password; without one, by magic link or SSO.
 */
export async function provisionUser(auth: Auth, db: Database, input: ProvisionUserInput): Promise<{ id: string; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  let id = existing?.id;
  const created = !id;
  if (!id) {
    if (input.password) {
      const result = await auth.api.signUpEmail({ body: { email, name: input.name, password: input.password } });
      id = result.user.id;
    } else {
      const context = await auth.$context;
      const user = await context.internalAdapter.createUser({ email, name: input.name, emailVerified: false }, { method: "admin" });
      id = user.id;
    }
  }
  const changes = {
    ...(input.locale !== undefined && { locale: input.locale }),
    ...(input.isPlatformAdmin !== undefined && { isPlatformAdmin: input.isPlatformAdmin }),
    // Accounts made by an operator are for addresses the operator vouches for, unless told otherwise.
    ...(created && { emailVerified: input.emailVerified ?? true }),
  };
  if (Object.keys(changes).length > 0) await db.update(users).set(changes).where(eq(users.id, id));
  return { id, created };
}

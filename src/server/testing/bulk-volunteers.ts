import { createHmac, randomBytes } from "node:crypto";
import type pg from "pg";
import { newId } from "../db/columns.ts";

/**
 * Many signed-in volunteers at once, for concurrency tests and benchmarks: accounts, volunteer
 * profiles, the volunteer role and live sessions are written in bulk, and each gets a session cookie
 * signed exactly as better-auth signs it, so requests go through the real sign-in check.
 */

export interface BulkVolunteer {
  userId: string;
  profileId: string;
  email: string;
  cookie: string;
}

export function signedSessionCookie(token: string, secret: string): string {
  const signature = createHmac("sha256", secret).update(token).digest("base64");
  return `civitas.session_token=${encodeURIComponent(`${token}.${signature}`)}`;
}

export async function createBulkVolunteers(
  pool: pg.Pool,
  options: { cityId: string; count: number; secret: string; prefix?: string; languages?: string[] },
): Promise<BulkVolunteer[]> {
  const prefix = options.prefix ?? `v${randomBytes(3).toString("hex")}`;
  const volunteers: BulkVolunteer[] = [];
  const expiresAt = new Date(Date.now() + 7 * 86_400_000);
  for (let start = 0; start < options.count; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, options.count - start) }, (_, index) => {
      const number = start + index;
      return {
        userId: newId(),
        profileId: newId(),
        sessionId: newId(),
        token: randomBytes(24).toString("base64url"),
        email: `${prefix}-${number}@volunteers.example`,
        name: `Volunteer ${number}`,
      };
    });
    const client = await pool.connect();
    try {
      await client.query("begin");
      await client.query(`insert into users (id, name, email, email_verified) select * from unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[])`, [
        batch.map((row) => row.userId),
        batch.map((row) => row.name),
        batch.map((row) => row.email),
        batch.map(() => true),
      ]);
      await client.query(
        `insert into volunteer_profiles (id, city_id, user_id, calendar_token, languages, consent_email)
         select id, $2, user_id, token, $5::text[], true from unnest($1::uuid[], $3::uuid[], $4::text[]) as t(id, user_id, token)`,
        [
          batch.map((row) => row.profileId),
          options.cityId,
          batch.map((row) => row.userId),
          batch.map(() => randomBytes(24).toString("base64url")),
          options.languages ?? ["en"],
        ],
      );
      await client.query(
        `insert into role_assignments (id, city_id, user_id, role) select id, $2, user_id, 'volunteer' from unnest($1::uuid[], $3::uuid[]) as t(id, user_id)`,
        [batch.map(() => newId()), options.cityId, batch.map((row) => row.userId)],
      );
      await client.query(
        `insert into sessions (id, token, user_id, expires_at, updated_at) select id, token, user_id, $4, now() from unnest($1::uuid[], $2::text[], $3::uuid[]) as t(id, token, user_id)`,
        [batch.map((row) => row.sessionId), batch.map((row) => row.token), batch.map((row) => row.userId), expiresAt],
      );
      await client.query("commit");
    } catch (error) {
      await client.query("rollback");
      throw error;
    } finally {
      client.release();
    }
    for (const row of batch)
      volunteers.push({ userId: row.userId, profileId: row.profileId, email: row.email, cookie: signedSessionCookie(row.token, options.secret) });
  }
  return volunteers;
}

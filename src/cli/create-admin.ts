import { z } from "zod";
import type { DatabaseHandle } from "../server/db/connection.ts";
import { grantRoleIn } from "../server/modules/staff/index.ts";
import { recordAudit } from "../server/platform/audit/index.ts";
import { provisionUser } from "../server/platform/auth/provision-user.ts";
import { fieldProblemsFromZod } from "../server/platform/errors/index.ts";
import type { Services } from "../server/services.ts";
import type { CommandArguments } from "./main.ts";

const createAdminArguments = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email()),
    name: z.string().trim().min(1).max(120),
    city: z.string().min(1).optional(),
    platform: z.boolean().optional(),
    password: z.string().min(12).max(256).optional(),
  })
  .refine((value) => !!value.city !== !!value.platform, { path: ["city"], error: "give either --city <slug> or --platform" });

export async function createAdmin(database: DatabaseHandle, services: Services, values: CommandArguments): Promise<number> {
  const parsed = createAdminArguments.safeParse(values, { reportInput: true });
  if (!parsed.success) {
    const lines = fieldProblemsFromZod("en", parsed.error.issues as unknown as Record<string, unknown>[]).map(
      (problem) => `  --${problem.field}: ${problem.message}`,
    );
    process.stderr.write(`civitas: the admin cannot be created:\n${lines.join("\n")}\n`);
    return 65;
  }
  const input = parsed.data;
  let cityId: string | null = null;
  if (input.city) {
    const city = await services.directory.findBySlug(input.city);
    if (!city) {
      process.stderr.write(`civitas: there is no city "${input.city}"; create it first with civitas create-city\n`);
      return 65;
    }
    cityId = city.id;
  }
  const user = await provisionUser(services.auth, database.db, {
    email: input.email,
    name: input.name,
    password: input.password,
    ...(input.platform && { isPlatformAdmin: true }),
  });
  if (cityId) {
    await grantRoleIn(database.db, cityId, null, null, { userId: user.id, role: "city_admin" });
  } else {
    await recordAudit(database.db, {
      cityId: null,
      actor: null,
      action: "platform-admin.granted",
      targetType: "user",
      targetId: user.id,
      after: { email: input.email },
    });
  }
  const how = input.password ? "with the password given" : "with a sign-in link by email (no password set)";
  const what = input.city ? `city admin of ${input.city}` : "platform admin";
  process.stdout.write(`${input.email} is ${what}${user.created ? " (new account)" : ""}; they sign in ${how}.\n`);
  return 0;
}

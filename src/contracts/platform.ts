import { z } from "zod";

/** Shapes shared by every module: health, problems, pagination, the signed-in person. */

export const healthResponse = z.object({ status: z.literal("ok") });

export const readinessResponse = z.object({
  status: z.enum(["ok", "unavailable"]),
  checks: z.object({
    database: z.enum(["ok", "unavailable"]),
    jobs: z.enum(["ok", "unavailable", "not-run-here"]),
  }),
  latencyMs: z.number(),
});

export const problemDocument = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string(), line: z.number().int().optional() })).optional(),
  })
  .meta({ id: "Problem", description: "An RFC 9457 problem document" });

export const slug = z
  .string()
  .trim()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "errors.field.slug" });

export const emailAddress = z.string().trim().toLowerCase().pipe(z.email());

export const cityPath = z.object({ city: z.string().min(1).max(60) });

export const cityRole = z.enum(["city_admin", "dso_staff", "agency_staff", "group_organizer", "volunteer", "vendor", "contracting_officer"]);
export type CityRoleName = z.infer<typeof cityRole>;

export const isoDateTime = z.iso.datetime({ offset: true });

export const meResponse = z.object({
  user: z
    .object({
      id: z.uuid(),
      name: z.string(),
      email: z.string(),
      locale: z.string().nullable(),
      isPlatformAdmin: z.boolean(),
    })
    .nullable(),
  memberships: z.array(
    z.object({
      city: z.object({ slug: z.string(), name: z.string() }),
      roles: z.array(z.object({ role: cityRole, agencyId: z.uuid().nullable(), agencyName: z.string().nullable() })),
      /** Groups the person organizes in the city: they run those groups' events. */
      organizes: z.array(z.object({ id: z.uuid(), slug: z.string(), name: z.string() })),
    }),
  ),
});
export type Me = z.infer<typeof meResponse>;

export const updateMeRequest = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  locale: z.string().min(2).max(10).nullable().optional(),
});

export const settingsResponse = z.object({
  locales: z.array(z.string()),
  singleSignOn: z.object({ providerId: z.string(), name: z.string() }).nullable(),
  mailTransport: z.enum(["smtp", "outbox"]),
});
export type Settings = z.infer<typeof settingsResponse>;

/** Deleting an account cannot be undone, so the request says so explicitly. */
export const deleteAccountRequest = z.object({ confirm: z.literal(true, { error: "errors.account.confirm" }) });

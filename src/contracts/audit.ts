import { z } from "zod";
import { isoDateTime } from "./platform.ts";

export const auditEvent = z
  .object({
    id: z.uuid(),
    action: z.string(),
    actor: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    requestId: z.string().nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: "AuditEvent" });

export const auditQuery = z.object({
  before: isoDateTime.optional(),
  action: z.string().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditList = z.object({ events: z.array(auditEvent), nextBefore: isoDateTime.nullable() });

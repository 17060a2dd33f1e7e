import { z } from "zod";
import { isoDateTime } from "./platform.ts";

export const outboxMessage = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    recipient: z.string(),
    subject: z.string(),
    textBody: z.string(),
    htmlBody: z.string().nullable(),
    headers: z.record(z.string(), z.string()),
    attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), content: z.string() })),
    createdAt: isoDateTime,
  })
  .meta({ id: "OutboxMessage" });

export const outboxQuery = z.object({
  recipient: z.string().max(254).optional(),
  kind: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const outboxList = z.object({ transport: z.enum(["smtp", "outbox"]), messages: z.array(outboxMessage) });

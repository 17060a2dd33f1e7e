import type { Executor } from "../../db/connection.ts";
import { outboxMessages } from "../../platform/mail/index.ts";

/**
 * Text messages go through an SMS provider behind this one interface. A provider adapter (a
 * vendor's HTTP API, say) implements `send`:
 *
 *  - `to` is the phone number as the volunteer gave it; the adapter normalises it for its vendor.
 *  - `text` is the whole message, unsubscribe link included; the adapter does not add to it.
 *  - `reference` is stable for one recipient of one campaign; adapters that support an idempotency
 *    key should pass it, so that a message sent again after a crash is sent once.
 *  - It resolves with the vendor's id for the message once the vendor has accepted it.
 *  - It rejects on failure. An error with `permanent: true` (an invalid number, a number that
 *    opted out at the carrier) is not tried again; any other error is tried again later.
 *
 * Without a configured provider, messages are kept in the outbox (kind `campaign-sms`), where
 * admins can read them, as mail is without SMTP.
 */
export type SmsProvider = {
  readonly name: string;
  send(message: { to: string; text: string; reference: string; cityId?: string | null }): Promise<{ id: string }>;
};

/** A failure the provider says will not go away by trying again. */
export class PermanentSmsFailure extends Error {
  readonly permanent = true;
}

export function createOutboxSmsProvider(db: Executor): SmsProvider {
  return {
    name: "outbox",
    async send(message) {
      const [row] = await db
        .insert(outboxMessages)
        .values({
          cityId: message.cityId ?? null,
          kind: "campaign-sms",
          recipient: message.to,
          subject: "",
          textBody: message.text,
          headers: { "X-Reference": message.reference },
        })
        .returning({ id: outboxMessages.id });
      return { id: row?.id ?? message.reference };
    },
  };
}

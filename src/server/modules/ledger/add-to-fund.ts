import type { z } from "zod";
import type { addToFundRequest } from "../../../contracts/ledger.ts";
import { newId } from "../../db/columns.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { accountBalances, lockFundAccount } from "./accounts.ts";
import { postEntries } from "./post-entries.ts";

export type AddToFundInput = z.output<typeof addToFundRequest>;

/**
 * Adds money from the city's budget to the bounty fund: fund +, funding source −. Sent again with
 * the same idempotency key (a retry, a double click, two racing requests), it adds the money once.
 */
export async function addToFund(ctx: OperationContext, input: AddToFundInput) {
  const currency = ctx.city.currency;
  return ctx.db.transaction(async (tx) => {
    await lockFundAccount(tx, ctx.city.id, currency);
    const result = await postEntries(tx, {
      cityId: ctx.city.id,
      currency,
      idempotencyKey: `fund:add:${input.idempotencyKey ?? newId()}`,
      description: input.note,
      createdBy: ctx.actor?.userId ?? null,
      lines: [
        { account: "fund", amountMinor: input.amountMinor },
        { account: "funding_source", amountMinor: -input.amountMinor },
      ],
    });
    if (result.posted) {
      await recordAudit(tx, {
        cityId: ctx.city.id,
        actor: ctx.actor,
        action: "fund.added",
        targetType: "ledger_posting",
        targetId: result.postingId,
        after: { amountMinor: input.amountMinor, currency, note: input.note },
        requestId: ctx.requestId,
      });
    }
    return { ...result, balances: await accountBalances(tx, ctx.city.id, currency) };
  });
}

import { expect, type Locator, type Page, test } from "@playwright/test";
import { demoCity } from "./pages.ts";
import { signInContext, text } from "./support.ts";

/**
 * A process documented and improved: DSO staff write down a six-step process with the editor,
 * putting one step in its place with the keyboard, and save it; they move two steps online with
 * less handling time and save that as revision 2; they mark revision 1 as-is and revision 2 to-be,
 * and see what the change saves a year, worked out here from the demo city's rate table.
 */

/** The demo city's hourly rates (src/server/modules/processes/seed-demo.ts), in cents. */
const hourlyRateCents = { "Permit clerk": 3_400, "Parks supervisor": 5_200, Cashier: 2_900 } as const;
type Role = keyof typeof hourlyRateCents;

interface Step {
  name: string;
  role: Role;
  channel: "paper" | "phone" | "email" | "counter" | "online";
  handling: number;
  waiting: number;
}

const annualVolume = 1_200;

/** In the order they end up in; "Approve the pickup" is typed last and moved up to its place with the keyboard. */
const asIsSteps: Step[] = [
  { name: "Receive the request by phone", role: "Permit clerk", channel: "phone", handling: 10, waiting: 60 },
  { name: "Write the request on a paper slip", role: "Permit clerk", channel: "paper", handling: 6, waiting: 240 },
  { name: "Check the address and the items", role: "Permit clerk", channel: "paper", handling: 8, waiting: 480 },
  { name: "Approve the pickup", role: "Parks supervisor", channel: "paper", handling: 4, waiting: 1_440 },
  { name: "Take the fee at the counter", role: "Cashier", channel: "counter", handling: 5, waiting: 2_880 },
  { name: "Send the pickup date by email", role: "Permit clerk", channel: "email", handling: 3, waiting: 0 },
];
const typingOrder = [0, 1, 2, 4, 5, 3].map((index) => asIsSteps[index] as Step);

/** Revision 2: the first two steps move online and take less handling. */
const toBeSteps: Step[] = asIsSteps.map((step, index) =>
  index === 0 ? { ...step, channel: "online", handling: 2 } : index === 1 ? { ...step, channel: "online", handling: 1 } : step,
);

/** Staff cost a year in cents: rate × hours of handling per transaction × volume, rounded once. */
function annualCostCents(steps: Step[]): number {
  return Math.round((steps.reduce((sum, step) => sum + hourlyRateCents[step.role] * step.handling, 0) / 60) * annualVolume);
}

function annualHours(steps: Step[]): number {
  return (steps.reduce((sum, step) => sum + step.handling, 0) * annualVolume) / 60;
}

const dollars = (cents: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);
const hours = (value: number) => new Intl.NumberFormat("en-US", { style: "unit", unit: "hour", unitDisplay: "long", maximumFractionDigits: 1 }).format(value);

function stepForm(page: Page, index: number): Locator {
  return page.locator("fieldset.civitas-process-step").nth(index);
}

async function fillStep(form: Locator, step: Step): Promise<void> {
  await form.getByLabel(text("en", "processes.step.name"), { exact: true }).fill(step.name);
  await form.getByLabel(text("en", "processes.step.actorRole"), { exact: true }).fill(step.role);
  await form.getByLabel(text("en", "processes.step.channel"), { exact: true }).selectOption(step.channel);
  await form.getByLabel(text("en", "processes.step.handlingMinutes"), { exact: true }).fill(String(step.handling));
  await form.getByLabel(text("en", "processes.step.waitingMinutes"), { exact: true }).fill(String(step.waiting));
}

test("DSO staff document a six-step process, move two steps online and see the saving", async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const name = `Bulky waste pickup request ${Date.now().toString(36)}`;
  const asIsCost = annualCostCents(asIsSteps);
  const toBeCost = annualCostCents(toBeSteps);
  const saving = asIsCost - toBeCost;
  expect(saving).toBeGreaterThan(0);

  const context = await browser.newContext({ baseURL });
  try {
    await signInContext(context, baseURL, "dso");
    const page = await context.newPage();

    // From the list to the new-process form.
    await page.goto(`/${demoCity}/admin/processes`);
    await expect(page.getByRole("heading", { level: 1, name: text("en", "processes.list.title") })).toBeVisible();
    await page.getByRole("link", { name: text("en", "processes.list.new") }).click();
    await expect(page.getByRole("heading", { level: 1, name: text("en", "processes.editor.newTitle") })).toBeVisible();

    await page.locator("#process-agency").selectOption({ label: "Parks and Recreation" });
    await page.getByLabel(text("en", "processes.editor.fields.name"), { exact: true }).fill(name);
    await page.getByLabel(text("en", "processes.editor.fields.purpose"), { exact: true }).fill("Residents get large items collected from the kerb.");
    await page.getByLabel(text("en", "processes.editor.fields.serviceUsers"), { exact: true }).fill("Residents moving house or clearing out");
    await page.getByLabel(text("en", "processes.editor.fields.annualVolume"), { exact: true }).fill(String(annualVolume));

    // Six steps, added one after the other; the new step's name field takes focus.
    for (const [index, step] of typingOrder.entries()) {
      await page.getByRole("button", { name: text("en", "processes.editor.steps.add") }).click();
      await expect(stepForm(page, index).getByLabel(text("en", "processes.step.name"), { exact: true })).toBeFocused();
      await fillStep(stepForm(page, index), step);
    }
    await expect(page.locator("fieldset.civitas-process-step")).toHaveCount(6);

    // "Approve the pickup" was typed last: two presses of its "Move up" button, by keyboard, put it fourth.
    const moveUp = (position: number) =>
      page.getByRole("button", {
        name: `${text("en", "processes.editor.steps.moveUp")}${text("en", "processes.editor.steps.whichStep", { number: String(position), name: "Approve the pickup" })}`,
      });
    await moveUp(6).focus();
    await page.keyboard.press("Enter");
    await expect(moveUp(5)).toBeFocused();
    await expect(page.locator("#process-steps-status")).toHaveText(text("en", "processes.editor.steps.movedUp", { from: "6", to: "5" }));
    await page.keyboard.press("Space");
    await expect(moveUp(4)).toBeFocused();
    await expect(page.locator("#process-steps-status")).toHaveText(text("en", "processes.editor.steps.movedUp", { from: "5", to: "4" }));
    for (const [index, step] of asIsSteps.entries()) {
      await expect(stepForm(page, index).getByLabel(text("en", "processes.step.name"), { exact: true })).toHaveValue(step.name);
    }

    // A decision: an address missing sends the request back to the first step.
    await stepForm(page, 2).getByLabel(text("en", "processes.editor.steps.condition"), { exact: true }).fill("the address is missing");
    await stepForm(page, 2)
      .getByLabel(text("en", "processes.editor.steps.goTo"), { exact: true })
      .selectOption({ label: text("en", "processes.editor.steps.goToOption", { number: "1", name: asIsSteps[0]?.name ?? "" }) });

    // The totals add up while typing, from the city's rate table.
    const live = page.getByRole("region", { name: text("en", "processes.editor.liveTotals") });
    await expect(live.locator('[data-figure="annualCost"] dd')).toHaveText(dollars(asIsCost));
    await expect(live.locator('[data-figure="annualStaffHours"] dd')).toHaveText(hours(annualHours(asIsSteps)));
    // The diagram and the table show the six steps in their new order.
    await expect(page.getByRole("img", { name: /Permit clerk, Parks supervisor, Cashier/ })).toBeVisible();
    const table = page.locator("table.civitas-steps-table");
    await expect(table.locator("tbody tr")).toHaveCount(6);
    await expect(table.locator("tbody tr").nth(3).locator("th")).toHaveText("Approve the pickup");
    await expect(table.locator("tbody tr").nth(2)).toContainText(
      text("en", "processes.diagram.decision", { condition: "the address is missing", number: "1" }),
    );

    await page.getByRole("button", { name: text("en", "processes.editor.create") }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText(text("en", "processes.editor.created"))).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/${demoCity}/admin/processes/[0-9a-f-]{36}$`));

    // Revision 2: the request is taken online and written down by the form itself.
    for (const index of [0, 1]) {
      const step = toBeSteps[index] as Step;
      await stepForm(page, index).getByLabel(text("en", "processes.step.channel"), { exact: true }).selectOption("online");
      await stepForm(page, index).getByLabel(text("en", "processes.step.handlingMinutes"), { exact: true }).fill(String(step.handling));
    }
    await expect(live.locator('[data-figure="annualCost"] dd')).toHaveText(dollars(toBeCost));
    await page.getByLabel(text("en", "processes.editor.fields.message"), { exact: true }).fill("Take the request online");
    await page.getByRole("button", { name: text("en", "processes.editor.save") }).click();
    await expect(page.getByText(text("en", "processes.editor.saved", { revision: "2" }))).toBeVisible();

    // The revisions, with who saved them.
    const revisions = page.getByRole("region", { name: text("en", "processes.revisions.heading") });
    const rowOf = (revision: number) =>
      revisions
        .locator("tbody tr")
        .filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${text("en", "processes.revisions.label", { revision: String(revision) })}\\b`) }) });
    await expect(rowOf(2)).toContainText("Take the request online");
    await expect(rowOf(2)).toContainText("Jordan Lee");
    await expect(rowOf(1)).toContainText("First version");

    // What changed from 1 to 2, in words.
    await revisions.getByRole("button", { name: text("en", "processes.revisions.compare") }).click();
    const diff = page.locator("#process-diff");
    await expect(diff).toBeFocused();
    await expect(diff).toContainText(text("en", "processes.revisions.step.changed", { after: "1", name: asIsSteps[0]?.name ?? "" }));
    await expect(diff).toContainText(
      text("en", "processes.revisions.fieldChange", {
        field: text("en", "processes.step.channel"),
        before: text("en", "processes.channel.phone"),
        after: text("en", "processes.channel.online"),
      }),
    );

    // Revision 1 as-is, revision 2 to-be: the saving a year.
    await rowOf(1)
      .getByRole("button", { name: `${text("en", "processes.revisions.markAsIs")}${text("en", "processes.revisions.ofRevision", { revision: "1" })}` })
      .click();
    await expect(page.getByText(text("en", "processes.revisions.markedAsIs", { revision: "1" }))).toBeVisible();
    await rowOf(2)
      .getByRole("button", { name: `${text("en", "processes.revisions.markToBe")}${text("en", "processes.revisions.ofRevision", { revision: "2" })}` })
      .click();
    await expect(page.getByText(text("en", "processes.revisions.markedToBe", { revision: "2" }))).toBeVisible();
    await expect(
      page.getByText(
        text("en", "processes.diagram.comparison.saves", {
          toBe: "2",
          asIs: "1",
          money: dollars(saving),
          hours: hours(annualHours(asIsSteps) - annualHours(toBeSteps)),
        }),
      ),
    ).toBeVisible();
    const annualRow = page.locator('.civitas-process-comparison tr[data-figure="annualCost"]');
    await expect(annualRow.locator("td")).toHaveText([dollars(asIsCost), dollars(toBeCost), dollars(saving)]);

    // The list shows the saving too.
    await page.goto(`/${demoCity}/admin/processes?q=${encodeURIComponent(name)}`);
    const listed = page.locator("tbody tr").filter({ has: page.getByRole("link", { name }) });
    await expect(listed).toContainText(dollars(saving));
  } finally {
    await context.close();
  }
});

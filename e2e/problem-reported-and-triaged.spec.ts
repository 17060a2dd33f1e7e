import { expect, test } from "@playwright/test";
import { demoCity } from "./pages.ts";
import { signInContext, text } from "./support.ts";

/**
 * A problem from report to triage: Parks staff report it through the form, with its yearly cost and
 * its documented process; a resident finds it on the public board by searching and supports it; the
 * DSO accepts it, which opens the way to a bounty.
 */

test("agency staff report a problem, a resident finds and supports it, the DSO accepts it", async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  // A word nobody else writes, so that the search finds this problem and only it.
  const marker = `fx${Date.now().toString(36)}`;
  const title = `Tree pruning requests arrive by fax ${marker}`;

  const contexts = await Promise.all([browser.newContext({ baseURL }), browser.newContext({ baseURL }), browser.newContext({ baseURL })]);
  const [parksContext, danaContext, dsoContext] = contexts;
  if (!parksContext || !danaContext || !dsoContext) throw new Error("no browser context");
  try {
    // Parks staff report it from the board.
    await signInContext(parksContext, baseURL, "parks");
    const parks = await parksContext.newPage();
    await parks.goto(`/${demoCity}/problems`);
    await parks.getByRole("link", { name: text("en", "problems.board.report") }).click();
    await expect(parks.getByRole("heading", { level: 1, name: text("en", "problems.form.reportTitle") })).toBeVisible();
    // Parks staff work for one agency: it is chosen for them.
    await expect(parks.getByLabel(text("en", "fields.agency"))).toHaveValue(/[0-9a-f-]{36}/);
    await parks.getByLabel(text("en", "problems.fields.title")).fill(title);
    await parks
      .getByLabel(text("en", "problems.fields.description"))
      .fill("Residents fax pruning requests; a clerk types each one into the work order system.");
    await parks.getByLabel(text("en", "problems.fields.affected")).fill("Residents with street trees; two clerks");
    await parks.getByLabel(text("en", "problems.fields.frequency")).fill("About 40 faxes a week");
    await parks.getByLabel(text("en", "problems.fields.cost", { currency: "USD" })).fill("18,500");
    await parks.getByLabel(text("en", "problems.fields.processLink")).fill("https://wiki.springfield.example/parks/tree-pruning");
    await parks.getByRole("button", { name: text("en", "problems.form.submitReport") }).click();
    await expect(parks.getByText(text("en", "problems.detail.reported"))).toBeVisible();
    await expect(parks.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(parks).toHaveURL(new RegExp(`/${demoCity}/problems/[0-9a-f-]{36}$`));
    const problemUrl = new URL(parks.url()).pathname;
    await expect(parks.getByText("$18,500")).toBeVisible();
    await expect(parks.getByRole("link", { name: "https://wiki.springfield.example/parks/tree-pruning" })).toBeVisible();

    // Dana finds it on the board by searching, and supports it.
    await signInContext(danaContext, baseURL, "dana");
    const dana = await danaContext.newPage();
    await dana.goto(`/${demoCity}/problems`);
    await dana.getByLabel(text("en", "problems.board.q")).fill(marker);
    await dana.getByRole("button", { name: text("en", "problems.board.search") }).click();
    await expect(dana.getByRole("status").filter({ hasText: text("en", "problems.board.count_one", { count: "1" }) })).toBeVisible();
    const card = dana.getByRole("listitem").filter({ has: dana.getByRole("link", { name: title }) });
    await expect(card.getByText(text("en", "problems.status.new"), { exact: true })).toBeVisible();
    await expect(card.getByText("Parks and Recreation")).toBeVisible();
    await card.getByRole("link", { name: title }).click();
    await expect(dana.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(dana.getByText(text("en", "problems.support.count_other", { count: "0" }))).toBeVisible();
    await dana.getByRole("button", { name: text("en", "problems.support.support") }).click();
    await expect(dana.getByText(text("en", "problems.support.count_one", { count: "1" }))).toBeVisible();
    await expect(dana.getByText(text("en", "problems.support.mine"))).toBeVisible();
    await expect(dana.getByRole("button", { name: text("en", "problems.support.withdraw") })).toBeVisible();
    // A resident does not triage.
    await expect(dana.getByRole("heading", { name: text("en", "problems.triage.heading") })).toHaveCount(0);

    // The DSO accepts it; the bounty link appears.
    await signInContext(dsoContext, baseURL, "dso");
    const dso = await dsoContext.newPage();
    await dso.goto(problemUrl);
    await expect(dso.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(dso.getByText(text("en", "problems.support.count_one", { count: "1" }))).toBeVisible();
    const triage = dso.getByRole("region", { name: text("en", "problems.triage.heading") });
    await triage.locator("label", { hasText: text("en", "problems.triage.to.accepted") }).click();
    await triage.getByRole("button", { name: text("en", "problems.triage.submit") }).click();
    await expect(triage.getByText(text("en", "problems.triage.saved", { status: text("en", "problems.status.accepted") }))).toBeVisible();
    const problemId = problemUrl.split("/").at(-1) ?? "";
    await expect(dso.getByRole("link", { name: text("en", "problems.bounty.make") })).toHaveAttribute(
      "href",
      `/${demoCity}/admin/bounties/new?problemId=${problemId}`,
    );

    // The board shows it accepted, to anyone.
    const board = await dsoContext.request.get(`/api/v1/cities/${demoCity}/problems?q=${marker}`);
    const { problems } = (await board.json()) as { problems: { id: string; status: string; supportCount: number }[] };
    expect(problems).toEqual([expect.objectContaining({ id: problemId, status: "accepted", supportCount: 1 })]);
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
});

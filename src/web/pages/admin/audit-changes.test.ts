import { describe, expect, it } from "vitest";
import { describeChanges } from "./AuditPage.tsx";

describe("audit log changes", () => {
  it("lists only the fields that changed", () => {
    expect(describeChanges({ name: "Parks", slug: "parks", updatedAt: "1" }, { name: "Parks and Rec", slug: "parks", updatedAt: "2" })).toEqual([
      "name: Parks → Parks and Rec",
    ]);
  });

  it("lists every field of a record created or removed", () => {
    expect(describeChanges(null, { role: "dso_staff", agencyId: null })).toEqual(["role: dso_staff", "agencyId: —"]);
    expect(describeChanges({ role: "vendor" }, null)).toEqual(["role: vendor"]);
  });
});

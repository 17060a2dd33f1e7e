import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path.ts";

describe("where to go after signing in", () => {
  it("follows a path on this site", () => {
    expect(safeNextPath("/springfield/admin", "/x")).toBe("/springfield/admin");
  });

  it("never leaves the site", () => {
    for (const next of ["https://evil.example", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "", null]) {
      expect(safeNextPath(next, "/springfield")).toBe("/springfield");
    }
  });
});

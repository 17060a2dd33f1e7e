import { describe, expect, it } from "vitest";
import { applicationForRole, canApply, parseTechnologies, projectQueryOf, sortMembers } from "./group-helpers.ts";

describe("parseTechnologies", () => {
  it("splits on commas, trims, and drops empty parts and repeats whatever their case", () => {
    expect(parseTechnologies(" TypeScript, React ,, react, PostgreSQL ,")).toEqual(["TypeScript", "React", "PostgreSQL"]);
  });
  it("gives nothing for an empty line", () => {
    expect(parseTechnologies("  ")).toEqual([]);
  });
});

describe("applicationForRole", () => {
  const declined = { id: "1", roleId: "r", status: "declined" as const };
  const pending = { id: "2", roleId: "r", status: "pending" as const };
  const other = { id: "3", roleId: "s", status: "approved" as const };
  it("prefers a pending or approved application to an answered one", () => {
    expect(applicationForRole([declined, pending, other], "r")).toBe(pending);
  });
  it("falls back to the latest answered one, and to none", () => {
    expect(applicationForRole([declined, other], "r")).toBe(declined);
    expect(applicationForRole([other], "r")).toBeUndefined();
  });
});

describe("canApply", () => {
  it("opens an open role to people with no live application", () => {
    expect(canApply("open", undefined)).toBe(true);
    expect(canApply("open", { status: "withdrawn" })).toBe(true);
    expect(canApply("open", { status: "declined" })).toBe(true);
  });
  it("closes it while an application is pending or approved, and for roles not open", () => {
    expect(canApply("open", { status: "pending" })).toBe(false);
    expect(canApply("open", { status: "approved" })).toBe(false);
    expect(canApply("filled", undefined)).toBe(false);
    expect(canApply("closed", undefined)).toBe(false);
  });
});

describe("sortMembers", () => {
  it("puts requests first, then organizers, then members, by name", () => {
    const members = [
      { name: "Zoe", role: "member" as const, status: "active" as const },
      { name: "Ann", role: "member" as const, status: "active" as const },
      { name: "Bob", role: "organizer" as const, status: "active" as const },
      { name: "Tom", role: "member" as const, status: "pending" as const },
    ];
    expect(sortMembers(members, "en").map((member) => member.name)).toEqual(["Tom", "Bob", "Ann", "Zoe"]);
  });
});

describe("projectQueryOf", () => {
  it("leaves out empty filters", () => {
    expect(projectQueryOf({ q: " permits ", stage: "", skill: undefined })).toBe("q=permits");
    expect(projectQueryOf({})).toBe("");
  });
});

import { describe, expect, it } from "vitest";
import { type CityRole, can, permissions, requireAnyRole } from "./index.ts";

const actor = { userId: "u", email: "u@example.org", name: "U", isPlatformAdmin: false, locale: null };
const member = (...roles: CityRole[]) => ({
  cityId: "c",
  actor,
  grants: roles.map((role) => ({ role, agencyId: role === "agency_staff" ? "agency-1" : null })),
});

describe("policy", () => {
  it("lets a city admin manage the city, and nobody else", () => {
    expect(can(member("city_admin"), "agencies.manage")).toBe(true);
    expect(can(member("city_admin"), "staff.manage")).toBe(true);
    expect(can(member("city_admin"), "audit.read")).toBe(true);
    for (const role of ["dso_staff", "agency_staff", "group_organizer", "volunteer", "vendor"] as CityRole[]) {
      expect(can(member(role), "agencies.manage"), role).toBe(false);
      expect(can(member(role), "staff.manage"), role).toBe(false);
      expect(can(member(role), "audit.read"), role).toBe(false);
    }
  });

  it("lets DSO staff read the staff list", () => {
    expect(can(member("dso_staff"), "staff.read")).toBe(true);
    expect(can(member("volunteer"), "staff.read")).toBe(false);
  });

  it("lets a platform admin do everything in every city", () => {
    const operator = { cityId: "c", actor: { ...actor, isPlatformAdmin: true }, grants: [] };
    for (const action of Object.keys(permissions) as (keyof typeof permissions)[]) expect(can(operator, action)).toBe(true);
    expect(() => requireAnyRole(operator)).not.toThrow();
  });

  it("hides a city from someone with no role in it", () => {
    expect(() => requireAnyRole(member())).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => requireAnyRole(member("volunteer"))).not.toThrow();
  });
});

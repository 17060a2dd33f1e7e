import { describe, expect, it } from "vitest";
import {
  availabilitySlots,
  availabilityToSlots,
  isPhoneNumber,
  latestPastDate,
  slotsToAvailability,
  volunteerLanguages,
  volunteerProfileRequest,
} from "../../../contracts/volunteers.ts";
import { addMonths, credentialStatusOn, todayIn } from "./credential-dates.ts";
import { descendantsOf, inTreeOrder, localizedName } from "./taxonomy.ts";

describe("weekly availability", () => {
  it("maps slot names to the 21-bit mask, bit = day × 3 + part, Monday first", () => {
    expect(availabilitySlots).toHaveLength(21);
    expect(slotsToAvailability(["mon-morning"])).toBe(1);
    expect(slotsToAvailability(["mon-evening"])).toBe(1 << 2);
    expect(slotsToAvailability(["tue-morning"])).toBe(1 << 3);
    expect(slotsToAvailability(["sun-evening"])).toBe(1 << 20);
    expect(slotsToAvailability(availabilitySlots)).toBe(2 ** 21 - 1);
  });

  it("reads a mask back in week order", () => {
    expect(availabilityToSlots(slotsToAvailability(["sat-evening", "mon-morning", "wed-afternoon"]))).toEqual(["mon-morning", "wed-afternoon", "sat-evening"]);
    expect(availabilityToSlots(0)).toEqual([]);
  });
});

describe("profile rules", () => {
  it("accepts phone numbers written in the usual ways, and refuses letters and too few digits", () => {
    for (const phone of ["+1 217 555 0100", "(217) 555-0100", "217.555.0100", "2175550100"]) expect(isPhoneNumber(phone), phone).toBe(true);
    for (const phone of ["call me", "555-01", "+1 217 555 0100 ext 4", "1234567890123456"]) expect(isPhoneNumber(phone), phone).toBe(false);
  });

  it("ships about forty language codes, none twice", () => {
    expect(volunteerLanguages.length).toBeGreaterThanOrEqual(40);
    expect(new Set(volunteerLanguages).size).toBe(volunteerLanguages.length);
    expect(volunteerLanguages).toEqual(expect.arrayContaining(["en", "es", "zh", "vi", "tl", "ar", "ht", "ase"]));
  });

  it("refuses a birth date in the future, half a location, and SMS consent without a phone, each on its field", () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const result = volunteerProfileRequest.safeParse({ birthDate: tomorrow, latitude: 39.8, consent: { sms: true } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["birthDate", "errors.volunteers.birthDateFuture"],
      ["longitude", "errors.volunteers.bothCoordinates"],
      ["consent.sms", "errors.volunteers.smsNeedsPhone"],
    ]);
    expect(volunteerProfileRequest.safeParse({ birthDate: latestPastDate(new Date()).replace(/^\d{4}/, "1990") }).success).toBe(true);
  });

  it("treats blank text as not given", () => {
    expect(volunteerProfileRequest.parse({ phone: "  ", neighbourhood: "", accessibilityNeeds: " " })).toMatchObject({
      phone: null,
      neighbourhood: null,
      accessibilityNeeds: null,
    });
  });
});

describe("credential dates", () => {
  it("adds months on the calendar, keeping the day or ending the month", () => {
    expect(addMonths("2024-05-01", 24)).toBe("2026-05-01");
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2025-11-15", 3)).toBe("2026-02-15");
    expect(addMonths("2026-03-10", -26)).toBe("2024-01-10");
  });

  it("counts a credential as expired from its expiry date on", () => {
    expect(credentialStatusOn("2026-05-01", "2026-04-30")).toBe("valid");
    expect(credentialStatusOn("2026-05-01", "2026-05-01")).toBe("expired");
    expect(credentialStatusOn(null, "2099-01-01")).toBe("valid");
  });

  it("knows today by the city's calendar", () => {
    const instant = new Date("2026-03-01T03:00:00Z");
    expect(todayIn("America/Chicago", instant)).toBe("2026-02-28");
    expect(todayIn("Europe/Madrid", instant)).toBe("2026-03-01");
  });
});

describe("taxonomy helpers", () => {
  it("names things in the reader's language, else English, else the first name written", () => {
    expect(localizedName({ en: "First aid", es: "Primeros auxilios" }, "es")).toBe("Primeros auxilios");
    expect(localizedName({ en: "First aid" }, "es")).toBe("First aid");
    expect(localizedName({ fr: "Secourisme" }, "es")).toBe("Secourisme");
  });

  it("orders a tree depth first and finds everything below a skill", () => {
    const rows = [
      { id: "b", parentId: null },
      { id: "a1", parentId: "a" },
      { id: "a", parentId: null },
      { id: "a1x", parentId: "a1" },
      { id: "b1", parentId: "b" },
    ];
    expect(inTreeOrder(rows).map((row) => `${row.id}:${row.depth}`)).toEqual(["b:0", "b1:1", "a:0", "a1:1", "a1x:2"]);
    expect([...descendantsOf(rows, "a")].sort()).toEqual(["a", "a1", "a1x"]);
  });
});

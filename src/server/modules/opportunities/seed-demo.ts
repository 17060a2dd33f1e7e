import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import { cityDateOf, parseCityDateTime } from "../../platform/time.ts";
import { agencies } from "../agencies/index.ts";
import { causes, credentialTypes, skills, volunteerProfiles } from "../volunteers/schema.ts";
import { opportunities, shifts, signups, volunteerHours } from "./schema.ts";

/**
 * Demo opportunities for Springfield: a dozen needs across the agencies, shifts over the coming
 * weeks (one nearly full with a waitlist, one needing Spanish, one needing a background check, a
 * remote one without shifts), and a past shift with attendance and approved hours.
 */

interface Seed {
  agency: string;
  title: string;
  summary: string;
  description: string;
  cause: string;
  skills: string[];
  credentials?: string[];
  languages?: string[];
  minimumAge?: number;
  remote?: boolean;
  address?: string;
  neighbourhood?: string;
  latitude?: number;
  longitude?: number;
  /** Days from today (city time) and local start/end times. */
  shifts: { day: number; from: string; to: string; capacity: number; waitlist?: boolean }[];
}

const seeds: Seed[] = [
  {
    agency: "parks",
    title: "Riverside tree planting",
    summary: "Plant native saplings along the Sangamon River trail with the Parks crew.",
    description: "Gloves, tools and water are provided. Wear closed shoes. We work in small teams, each with a Parks staff member.",
    cause: "parks-and-environment",
    skills: ["gardening"],
    address: "Riverside Park, north entrance, 1200 River Rd",
    neighbourhood: "Riverside",
    latitude: 39.812,
    longitude: -89.668,
    shifts: [
      { day: 3, from: "09:00", to: "12:00", capacity: 25 },
      { day: 10, from: "09:00", to: "12:00", capacity: 25 },
      { day: 17, from: "09:00", to: "12:00", capacity: 25 },
    ],
  },
  {
    agency: "health",
    title: "Cooling centre greeters",
    summary: "Welcome residents to the cooling centre, hand out water and show them where to rest.",
    description:
      "During heat advisories the Lincoln Library community room opens as a cooling centre. Greeters check people in and keep an eye out for anyone who feels unwell.",
    cause: "public-health",
    skills: ["first-aid", "elder-companionship"],
    address: "Lincoln Library, 326 S 7th St",
    neighbourhood: "Downtown",
    latitude: 39.798,
    longitude: -89.647,
    shifts: [
      { day: 1, from: "12:00", to: "16:00", capacity: 6 },
      { day: 2, from: "12:00", to: "16:00", capacity: 6 },
      { day: 3, from: "12:00", to: "16:00", capacity: 6 },
    ],
  },
  {
    agency: "health",
    title: "Eastside pantry food distribution",
    summary: "Sort deliveries and pack grocery boxes for 300 families at the Eastside pantry.",
    description:
      "Most of the evening is sorting and packing; a few volunteers help carry boxes to cars. A food handler certificate is required because we repack fresh produce.",
    cause: "food-security",
    skills: ["food-handling", "warehouse-sorting"],
    credentials: ["food-handler"],
    address: "Eastside Community Center, 2400 E Cook St",
    neighbourhood: "Eastside",
    latitude: 39.799,
    longitude: -89.615,
    shifts: [
      { day: 2, from: "17:30", to: "20:00", capacity: 12 },
      { day: 4, from: "17:30", to: "20:00", capacity: 12 },
    ],
  },
  {
    agency: "library",
    title: "Clases de computación en español",
    summary: "Help Spanish-speaking adults set up email, video calls and online forms.",
    description: "Tutors sit with one or two learners at a time. You need to speak Spanish; patience matters more than expertise.",
    cause: "literacy-and-learning",
    skills: ["digital-literacy-tutoring"],
    languages: ["es"],
    address: "Lincoln Library, 326 S 7th St",
    neighbourhood: "Downtown",
    latitude: 39.798,
    longitude: -89.647,
    shifts: [
      { day: 5, from: "18:00", to: "20:00", capacity: 4 },
      { day: 12, from: "18:00", to: "20:00", capacity: 4 },
    ],
  },
  {
    agency: "library",
    title: "Homework help for kids",
    summary: "Help children aged 8 to 12 with reading and maths homework after school.",
    description: "Because you work with children, a current background check and the youth protection training are required.",
    cause: "youth",
    skills: ["childcare"],
    credentials: ["background-check", "youth-protection"],
    minimumAge: 18,
    address: "Southeast Branch Library, 2400 E Ash St",
    neighbourhood: "Southeast",
    latitude: 39.783,
    longitude: -89.618,
    shifts: [{ day: 6, from: "15:30", to: "17:30", capacity: 5 }],
  },
  {
    agency: "emergency",
    title: "Sandbag brigade",
    summary: "Fill and stack sandbags to protect homes before the river crests.",
    description: "Heavy work in teams of four. Shovels, gloves and sand are at the depot. Bring water and sun protection.",
    cause: "emergency-preparedness",
    skills: [],
    address: "Public Works Depot, 1100 N 11th St",
    neighbourhood: "Northgate",
    latitude: 39.823,
    longitude: -89.641,
    shifts: [
      { day: 1, from: "08:00", to: "12:00", capacity: 60 },
      { day: 1, from: "13:00", to: "17:00", capacity: 60 },
    ],
  },
  {
    agency: "emergency",
    title: "Preparedness phone bank",
    summary: "Call older residents to check they have a plan for heat waves and floods.",
    description: "From home, with a script and a call list. Interpreters are especially welcome.",
    cause: "emergency-preparedness",
    skills: ["interpreting"],
    remote: true,
    shifts: [{ day: 4, from: "18:00", to: "20:00", capacity: 15 }],
  },
  {
    agency: "emergency",
    title: "Translate preparedness guides",
    summary: "Translate the city's flood and heat guides into Spanish, Vietnamese and Arabic.",
    description: "Work at your own pace; report your hours on My shifts and the Emergency Management office approves them.",
    cause: "emergency-preparedness",
    skills: ["translation"],
    remote: true,
    shifts: [],
  },
  {
    agency: "dso",
    title: "Try the new permit form",
    summary: "Spend an hour trying the new online building-permit form and tell us what confused you.",
    description: "The Digital Service Office is replacing a paper form. Your feedback decides what we fix before launch.",
    cause: "civic-technology",
    skills: ["user-research"],
    address: "Municipal Center, 300 S 7th St, room 201",
    neighbourhood: "Downtown",
    latitude: 39.799,
    longitude: -89.645,
    shifts: [{ day: 8, from: "10:00", to: "11:00", capacity: 8 }],
  },
  {
    agency: "parks",
    title: "Trail maintenance crew",
    summary: "Clear fallen branches and repair boardwalk steps on the Lost Bridge trail.",
    description: "Some carpentry experience helps but is not required.",
    cause: "parks-and-environment",
    skills: ["trail-maintenance", "carpentry"],
    address: "Lost Bridge Trailhead, Rochester Rd",
    neighbourhood: "Eastside",
    latitude: 39.79,
    longitude: -89.59,
    shifts: [{ day: 9, from: "08:30", to: "12:30", capacity: 2, waitlist: true }],
  },
];

export async function seedOpportunityDemo(db: Database, city: { id: string; timeZone: string }, userIdByEmail: ReadonlyMap<string, string>): Promise<void> {
  const bySlug = async <T extends { slug: string; id: string }>(rows: Promise<T[]>) => new Map((await rows).map((row) => [row.slug, row.id]));
  const agencyIds = await bySlug(db.select({ slug: agencies.slug, id: agencies.id }).from(agencies).where(eq(agencies.cityId, city.id)));
  const causeIds = await bySlug(db.select({ slug: causes.slug, id: causes.id }).from(causes).where(eq(causes.cityId, city.id)));
  const skillIds = await bySlug(db.select({ slug: skills.slug, id: skills.id }).from(skills).where(eq(skills.cityId, city.id)));
  const credentialIds = await bySlug(
    db.select({ slug: credentialTypes.slug, id: credentialTypes.id }).from(credentialTypes).where(eq(credentialTypes.cityId, city.id)),
  );
  const today = cityDateOf(new Date(), city.timeZone);
  const localDay = (offset: number) => new Date(Date.parse(`${today}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const at = (day: number, time: string) => parseCityDateTime(`${localDay(day)}T${time}`, city.timeZone);

  const shiftIds = new Map<string, string[]>();
  for (const seed of seeds) {
    const [opportunity] = await db
      .insert(opportunities)
      .values({
        cityId: city.id,
        agencyId: agencyIds.get(seed.agency) ?? "",
        title: seed.title,
        summary: seed.summary,
        description: seed.description,
        causeId: causeIds.get(seed.cause) ?? null,
        requiredSkillIds: seed.skills.map((slug) => skillIds.get(slug)).filter((id): id is string => !!id),
        requiredCredentialTypeIds: (seed.credentials ?? []).map((slug) => credentialIds.get(slug)).filter((id): id is string => !!id),
        requiredLanguages: seed.languages ?? [],
        minimumAge: seed.minimumAge ?? null,
        locationKind: seed.remote ? "remote" : "in_person",
        address: seed.address ?? null,
        neighbourhood: seed.neighbourhood ?? null,
        latitude: seed.latitude ?? null,
        longitude: seed.longitude ?? null,
        status: "published",
        publishedAt: new Date(),
      })
      .returning({ id: opportunities.id });
    if (!opportunity) throw new Error("opportunity insert returned no row");
    const created = seed.shifts.length
      ? await db
          .insert(shifts)
          .values(
            seed.shifts.map((shift) => ({
              cityId: city.id,
              opportunityId: opportunity.id,
              startsAt: at(shift.day, shift.from),
              endsAt: at(shift.day, shift.to),
              capacity: shift.capacity,
              waitlistEnabled: shift.waitlist ?? true,
            })),
          )
          .returning({ id: shifts.id })
      : [];
    shiftIds.set(
      seed.title,
      created.map((row) => row.id),
    );
  }

  // A past shift with attendance and approved hours, so histories and figures are not empty.
  const [past] = await db
    .insert(opportunities)
    .values({
      cityId: city.id,
      agencyId: agencyIds.get("health") ?? "",
      title: "Flu clinic greeters",
      summary: "Greet residents at the free flu clinic and keep the queue moving.",
      description: "",
      causeId: causeIds.get("public-health") ?? null,
      locationKind: "in_person",
      address: "Municipal Center, 300 S 7th St",
      neighbourhood: "Downtown",
      latitude: 39.799,
      longitude: -89.645,
      status: "published",
      publishedAt: new Date(Date.now() - 30 * 86_400_000),
    })
    .returning({ id: opportunities.id });
  const pastStart = at(-7, "09:00");
  const pastEnd = at(-7, "13:00");
  const [pastShift] = await db
    .insert(shifts)
    .values({ cityId: city.id, opportunityId: past?.id ?? "", startsAt: pastStart, endsAt: pastEnd, capacity: 10, confirmedCount: 0 })
    .returning({ id: shifts.id });

  const profiles = new Map(
    (
      await db
        .select({ id: volunteerProfiles.id, userId: volunteerProfiles.userId })
        .from(volunteerProfiles)
        .where(and(eq(volunteerProfiles.cityId, city.id), inArray(volunteerProfiles.userId, [...userIdByEmail.values()])))
    ).map((row) => [row.userId, row.id]),
  );
  const profileOf = (email: string) => profiles.get(userIdByEmail.get(email) ?? "") ?? null;
  const place = async (email: string, title: string, index: number, status: "confirmed" | "waitlisted") => {
    const volunteerId = profileOf(email);
    const shiftId = shiftIds.get(title)?.[index];
    if (!volunteerId || !shiftId) return;
    const [shift] = await db.select().from(shifts).where(eq(shifts.id, shiftId));
    if (!shift) return;
    await db.insert(signups).values({
      cityId: city.id,
      shiftId,
      volunteerId,
      status,
      startsAt: shift.startsAt,
      endsAt: shift.endsAt,
      confirmedAt: status === "confirmed" ? new Date() : null,
    });
    if (status === "confirmed")
      await db
        .update(shifts)
        .set({ confirmedCount: shift.confirmedCount + 1 })
        .where(eq(shifts.id, shiftId));
  };
  await place("dana@springfield.example", "Riverside tree planting", 0, "confirmed");
  await place("priya@springfield.example", "Riverside tree planting", 0, "confirmed");
  await place("luis@springfield.example", "Clases de computación en español", 0, "confirmed");
  await place("ana@springfield.example", "Clases de computación en español", 0, "confirmed");
  await place("tom@springfield.example", "Trail maintenance crew", 0, "confirmed");
  await place("organizer@springfield.example", "Trail maintenance crew", 0, "confirmed");
  await place("dana@springfield.example", "Trail maintenance crew", 0, "waitlisted");

  for (const email of ["dana@springfield.example", "luis@springfield.example", "tom@springfield.example"]) {
    const volunteerId = profileOf(email);
    if (!volunteerId || !pastShift || !past) continue;
    const [signup] = await db
      .insert(signups)
      .values({
        cityId: city.id,
        shiftId: pastShift.id,
        volunteerId,
        status: "confirmed",
        startsAt: pastStart,
        endsAt: pastEnd,
        confirmedAt: pastStart,
        checkedInAt: pastStart,
        checkedOutAt: pastEnd,
      })
      .returning({ id: signups.id });
    await db.insert(volunteerHours).values({
      cityId: city.id,
      volunteerId,
      opportunityId: past.id,
      signupId: signup?.id ?? null,
      source: "attendance",
      workedOn: cityDateOf(pastStart, city.timeZone),
      minutes: 240,
      status: email === "tom@springfield.example" ? "pending" : "approved",
      reviewedAt: new Date(),
    });
  }
  if (pastShift) await db.update(shifts).set({ confirmedCount: 3 }).where(eq(shifts.id, pastShift.id));

  // Two and a half years of approved hours reported by regulars, so the impact pages have a trend:
  // each month a few afternoons, on the opportunities of several agencies.
  const history = (
    await db
      .select({ id: opportunities.id })
      .from(opportunities)
      .where(and(eq(opportunities.cityId, city.id), eq(opportunities.status, "published")))
      .orderBy(opportunities.title)
  ).map((row) => row.id);
  const regulars = ["priya@springfield.example", "ana@springfield.example", "organizer@springfield.example", "dana@springfield.example"]
    .map(profileOf)
    .filter((id): id is string => id !== null);
  const entries: (typeof volunteerHours.$inferInsert)[] = [];
  for (let month = 1; month <= 30; month++) {
    for (let turn = 0; turn < 3; turn++) {
      const volunteerId = regulars[(month + turn) % regulars.length];
      const opportunityId = history[(month * 3 + turn) % history.length];
      if (!volunteerId || !opportunityId) continue;
      const worked = new Date(Date.now() - (month * 30 + turn * 7) * 86_400_000);
      entries.push({
        cityId: city.id,
        volunteerId,
        opportunityId,
        source: "self_reported",
        workedOn: cityDateOf(worked, city.timeZone),
        // Two to four hours.
        minutes: 120 + 30 * ((month + turn) % 5),
        description: "Regular afternoon shift",
        status: "approved",
        reviewedAt: worked,
      });
    }
  }
  if (entries.length > 0) await db.insert(volunteerHours).values(entries);
}

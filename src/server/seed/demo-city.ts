import { count } from "drizzle-orm";
import type { Database } from "../db/connection.ts";
import { createAgency } from "../modules/agencies/index.ts";
import { seedBountyDemo } from "../modules/bounties/index.ts";
import { seedCampaignDemo } from "../modules/campaigns/index.ts";
import { seedCatalogDemo } from "../modules/catalog/index.ts";
import { createCity } from "../modules/cities/index.ts";
import { seedGroupDemo, seedGroupWorkDemo } from "../modules/groups/index.ts";
import { seedImpactDemo } from "../modules/impact/seed-demo.ts";
import { seedLedgerDemo } from "../modules/ledger/index.ts";
import { seedOpportunityDemo } from "../modules/opportunities/seed-demo.ts";
import { seedProblemDemo } from "../modules/problems/index.ts";
import { seedProcessDemo } from "../modules/processes/index.ts";
import { grantRoleIn } from "../modules/staff/index.ts";
import { seedVendorDemo } from "../modules/vendors/index.ts";
import { seedVolunteerDemo } from "../modules/volunteers/index.ts";
import type { Auth } from "../platform/auth/index.ts";
import { provisionUser } from "../platform/auth/provision-user.ts";
import type { CityRole } from "../platform/policy/index.ts";
import { cities } from "../platform/tenancy/index.ts";

/**
 * A demo city so that a fresh install has something to see: Springfield, with its agencies, staff
 * in every role and a few volunteers. Every demo account signs in with the demo password.
 */

export const demoCitySlug = "springfield";

const agencySeeds = [
  { slug: "parks", name: "Parks and Recreation", description: "Parks, trails, pools and the city's 40 recreation centres." },
  { slug: "library", name: "Public Library", description: "Eleven branches, the bookmobile and the digital-literacy programme." },
  { slug: "health", name: "Department of Health", description: "Clinics, cooling and warming centres, food access." },
  { slug: "dso", name: "Digital Service Office", description: "The city's in-house digital service team." },
  { slug: "emergency", name: "Office of Emergency Management", description: "Preparedness, shelters and disaster response." },
];

const peopleSeeds: { email: string; name: string; locale: string; roles: { role: CityRole; agency?: string }[] }[] = [
  { email: "admin@springfield.example", name: "Alex Rivera", locale: "en", roles: [{ role: "city_admin" }] },
  { email: "dso@springfield.example", name: "Jordan Lee", locale: "en", roles: [{ role: "dso_staff" }, { role: "agency_staff", agency: "dso" }] },
  { email: "parks@springfield.example", name: "Sam Patel", locale: "en", roles: [{ role: "agency_staff", agency: "parks" }] },
  { email: "library@springfield.example", name: "María González", locale: "es", roles: [{ role: "agency_staff", agency: "library" }] },
  { email: "organizer@springfield.example", name: "Chris Okafor", locale: "en", roles: [{ role: "group_organizer" }, { role: "volunteer" }] },
  { email: "vendor@springfield.example", name: "Riley Chen", locale: "en", roles: [{ role: "vendor" }] },
  { email: "vendor2@springfield.example", name: "Morgan Díaz", locale: "es", roles: [{ role: "vendor" }] },
  { email: "dana@springfield.example", name: "Dana Kim", locale: "en", roles: [{ role: "volunteer" }] },
  { email: "luis@springfield.example", name: "Luis Hernández", locale: "es", roles: [{ role: "volunteer" }] },
  { email: "priya@springfield.example", name: "Priya Shah", locale: "en", roles: [{ role: "volunteer" }] },
  { email: "tom@springfield.example", name: "Tom Becker", locale: "en", roles: [{ role: "volunteer" }] },
  { email: "ana@springfield.example", name: "Ana Souza", locale: "es", roles: [{ role: "volunteer" }] },
];

export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ total: count() }).from(cities);
  return (row?.total ?? 0) === 0;
}

export async function seedDemoCity(db: Database, auth: Auth, options: { password: string }) {
  const city = await createCity(db, null, { slug: demoCitySlug, name: "Springfield", timeZone: "America/Chicago", defaultLocale: "en", currency: "USD" });
  const ctx = { db, city, actor: null, requestId: null };
  const agencyIds = new Map<string, string>();
  for (const seed of agencySeeds) {
    const agency = await createAgency(ctx, { ...seed, contactEmail: `${seed.slug}@springfield.example` });
    agencyIds.set(seed.slug, agency.id);
  }
  const userIds = new Map<string, string>();
  for (const person of peopleSeeds) {
    const user = await provisionUser(auth, db, { email: person.email, name: person.name, password: options.password, locale: person.locale });
    userIds.set(person.email, user.id);
    for (const grant of person.roles) {
      await grantRoleIn(db, city.id, null, null, { userId: user.id, role: grant.role, agencyId: grant.agency ? agencyIds.get(grant.agency) : null });
    }
  }
  // Volunteering demo data.
  await seedVolunteerDemo(db, city, userIds);
  await seedOpportunityDemo(db, city, userIds);
  // Groups, then campaigns (one aimed at the flu clinic, with its funnel).
  await seedGroupDemo(db, city, userIds);
  await seedCampaignDemo(db, city, userIds);
  // Problems on the board, a verified vendor and the bounty fund.
  await seedProblemDemo(db, city, userIds);
  await seedVendorDemo(db, city, userIds);
  await seedLedgerDemo(db, city, userIds);
  // Bounties on those problems: open, sealed, and one delivered and paid.
  await seedBountyDemo(db, city);
  // The park permit, documented as it is and as it could be.
  await seedProcessDemo(db, city, userIds);
  // The software those bounties built, in the solutions catalog.
  await seedCatalogDemo(db, city, userIds);
  // What the groups work on: projects on those problems and bounties, open roles, a hack night.
  await seedGroupWorkDemo(db, city, userIds);
  // The budget of the last three fiscal years, against which the pages above count what they offset.
  await seedImpactDemo(db, city);
  return { city, accounts: peopleSeeds.map((person) => person.email) };
}

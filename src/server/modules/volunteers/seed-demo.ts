import { slotsToAvailability } from "../../../contracts/volunteers.ts";
import type { Database } from "../../db/connection.ts";
import { addMonths, todayIn } from "./credential-dates.ts";
import { newCalendarToken } from "./ensure-volunteer-profile.ts";
import { causes, credentialTypes, skills, volunteerCredentials, volunteerProfiles } from "./schema.ts";

/** The demo city's taxonomy and its volunteers' profiles, so that every volunteering page has something to show. */

const skillTree: { slug: string; en: string; es: string; children: { slug: string; en: string; es: string }[] }[] = [
  {
    slug: "languages-and-communication",
    en: "Languages and communication",
    es: "Idiomas y comunicación",
    children: [
      { slug: "interpreting", en: "Interpreting", es: "Interpretación" },
      { slug: "translation", en: "Written translation", es: "Traducción escrita" },
      { slug: "sign-language", en: "Sign language", es: "Lengua de señas" },
      { slug: "writing-and-editing", en: "Writing and editing", es: "Redacción y edición" },
    ],
  },
  {
    slug: "care-and-health",
    en: "Care and health",
    es: "Cuidado y salud",
    children: [
      { slug: "first-aid", en: "First aid", es: "Primeros auxilios" },
      { slug: "elder-companionship", en: "Companionship for older adults", es: "Compañía a personas mayores" },
      { slug: "childcare", en: "Childcare", es: "Cuidado infantil" },
      { slug: "peer-support", en: "Listening and peer support", es: "Escucha y apoyo entre pares" },
    ],
  },
  {
    slug: "trades-and-outdoors",
    en: "Trades and outdoors",
    es: "Oficios y aire libre",
    children: [
      { slug: "carpentry", en: "Carpentry", es: "Carpintería" },
      { slug: "gardening", en: "Gardening", es: "Jardinería" },
      { slug: "painting", en: "Painting", es: "Pintura" },
      { slug: "trail-maintenance", en: "Trail maintenance", es: "Mantenimiento de senderos" },
    ],
  },
  {
    slug: "technology",
    en: "Technology",
    es: "Tecnología",
    children: [
      { slug: "web-development", en: "Web development", es: "Desarrollo web" },
      { slug: "data-analysis", en: "Data analysis", es: "Análisis de datos" },
      { slug: "digital-literacy-tutoring", en: "Digital literacy tutoring", es: "Tutoría de alfabetización digital" },
      { slug: "user-research", en: "User research", es: "Investigación con usuarios" },
    ],
  },
  {
    slug: "logistics-and-events",
    en: "Logistics and events",
    es: "Logística y eventos",
    children: [
      { slug: "driving", en: "Driving and deliveries", es: "Conducción y entregas" },
      { slug: "food-handling", en: "Food handling", es: "Manipulación de alimentos" },
      { slug: "event-setup", en: "Event setup", es: "Montaje de eventos" },
      { slug: "warehouse-sorting", en: "Warehouse sorting", es: "Clasificación en almacén" },
    ],
  },
];

const causeSeeds = [
  { slug: "food-security", en: "Food security", es: "Seguridad alimentaria" },
  { slug: "parks-and-environment", en: "Parks and environment", es: "Parques y medio ambiente" },
  { slug: "literacy-and-learning", en: "Literacy and learning", es: "Alfabetización y aprendizaje" },
  { slug: "older-adults", en: "Older adults", es: "Personas mayores" },
  { slug: "youth", en: "Children and youth", es: "Niñez y juventud" },
  { slug: "public-health", en: "Public health", es: "Salud pública" },
  { slug: "emergency-preparedness", en: "Emergency preparedness", es: "Preparación para emergencias" },
  { slug: "civic-technology", en: "Civic technology", es: "Tecnología cívica" },
];

const credentialTypeSeeds = [
  { slug: "background-check", en: "Background check", es: "Verificación de antecedentes", validityMonths: 24 },
  { slug: "food-handler", en: "Food handler certificate", es: "Certificado de manipulador de alimentos", validityMonths: 36 },
  { slug: "cpr-first-aid", en: "CPR and first aid", es: "RCP y primeros auxilios", validityMonths: 24 },
  { slug: "youth-protection", en: "Youth protection training", es: "Formación en protección de menores", validityMonths: null },
];

const profileSeeds: {
  email: string;
  phone: string | null;
  birthDate: string | null;
  languages: string[];
  skills: string[];
  causes: string[];
  neighbourhood: string;
  latitude: number | null;
  longitude: number | null;
  availability: string[];
  accessibilityNeeds: string | null;
  consent: { email: boolean; sms: boolean };
  /** Credential type, and how many months ago it was issued. */
  credentials: { type: string; monthsAgo: number }[];
}[] = [
  {
    email: "dana@springfield.example",
    phone: "+1 217 555 0142",
    birthDate: "1991-04-12",
    languages: ["en", "ko"],
    skills: ["first-aid", "event-setup", "interpreting"],
    causes: ["public-health", "emergency-preparedness"],
    neighbourhood: "Enos Park",
    latitude: 39.812,
    longitude: -89.647,
    availability: ["sat-morning", "sat-afternoon", "sun-morning", "wed-evening"],
    accessibilityNeeds: null,
    consent: { email: true, sms: true },
    credentials: [{ type: "background-check", monthsAgo: 4 }],
  },
  {
    email: "luis@springfield.example",
    phone: "(217) 555-0187",
    birthDate: "1985-09-30",
    languages: ["es", "en"],
    skills: ["interpreting", "translation", "driving", "food-handling"],
    causes: ["food-security", "older-adults"],
    neighbourhood: "Harvard Park",
    latitude: 39.776,
    longitude: -89.628,
    availability: ["mon-evening", "tue-evening", "thu-evening", "sat-morning"],
    accessibilityNeeds: null,
    consent: { email: true, sms: false },
    credentials: [{ type: "food-handler", monthsAgo: 6 }],
  },
  {
    email: "priya@springfield.example",
    phone: null,
    birthDate: "1996-01-22",
    languages: ["en", "hi", "gu"],
    skills: ["web-development", "data-analysis", "user-research", "first-aid"],
    causes: ["civic-technology", "literacy-and-learning"],
    neighbourhood: "Downtown",
    latitude: 39.801,
    longitude: -89.644,
    availability: ["tue-evening", "thu-evening", "sun-afternoon"],
    accessibilityNeeds: null,
    consent: { email: true, sms: false },
    // Issued 26 months ago with 24 months' validity: expired, to be renewed.
    credentials: [{ type: "cpr-first-aid", monthsAgo: 26 }],
  },
  {
    email: "tom@springfield.example",
    phone: "217-555-0113",
    birthDate: "1958-07-04",
    languages: ["en", "de"],
    skills: ["carpentry", "painting", "trail-maintenance", "gardening"],
    causes: ["parks-and-environment"],
    neighbourhood: "Lincoln Park",
    latitude: 39.818,
    longitude: -89.661,
    availability: ["mon-morning", "tue-morning", "wed-morning", "thu-morning", "fri-morning"],
    accessibilityNeeds: "I cannot kneel for long; standing or bench work is fine.",
    consent: { email: true, sms: true },
    credentials: [],
  },
  {
    email: "ana@springfield.example",
    phone: "+1 217 555 0199",
    birthDate: "2001-11-15",
    languages: ["pt", "es", "en"],
    skills: ["childcare", "digital-literacy-tutoring", "writing-and-editing"],
    causes: ["youth", "literacy-and-learning"],
    neighbourhood: "Vinegar Hill",
    latitude: 39.792,
    longitude: -89.659,
    availability: ["fri-afternoon", "fri-evening", "sat-afternoon", "sun-afternoon"],
    accessibilityNeeds: null,
    consent: { email: false, sms: false },
    credentials: [],
  },
  {
    email: "organizer@springfield.example",
    phone: "+1 217 555 0160",
    birthDate: null,
    languages: ["en", "yo"],
    skills: ["web-development", "user-research", "event-setup"],
    causes: ["civic-technology"],
    neighbourhood: "Medical District",
    latitude: 39.806,
    longitude: -89.637,
    availability: ["wed-evening", "sat-afternoon"],
    accessibilityNeeds: null,
    consent: { email: true, sms: false },
    credentials: [{ type: "youth-protection", monthsAgo: 10 }],
  },
];

export async function seedVolunteerDemo(db: Database, city: { id: string; timeZone: string }, userIdByEmail: ReadonlyMap<string, string>): Promise<void> {
  const skillIds = new Map<string, string>();
  for (const [branchPosition, branch] of skillTree.entries()) {
    const [parent] = await db
      .insert(skills)
      .values({ cityId: city.id, slug: branch.slug, names: { en: branch.en, es: branch.es }, position: branchPosition })
      .returning({ id: skills.id });
    if (!parent) throw new Error("skill insert returned no row");
    skillIds.set(branch.slug, parent.id);
    const children = await db
      .insert(skills)
      .values(
        branch.children.map((child, position) => ({ cityId: city.id, parentId: parent.id, slug: child.slug, names: { en: child.en, es: child.es }, position })),
      )
      .returning({ id: skills.id, slug: skills.slug });
    for (const child of children) skillIds.set(child.slug, child.id);
  }
  const causeIds = new Map(
    (
      await db
        .insert(causes)
        .values(causeSeeds.map((cause) => ({ cityId: city.id, slug: cause.slug, names: { en: cause.en, es: cause.es } })))
        .returning({ id: causes.id, slug: causes.slug })
    ).map((row) => [row.slug, row.id]),
  );
  const types = await db
    .insert(credentialTypes)
    .values(credentialTypeSeeds.map((type) => ({ cityId: city.id, slug: type.slug, names: { en: type.en, es: type.es }, validityMonths: type.validityMonths })))
    .returning();
  const typeBySlug = new Map(types.map((type) => [type.slug, type]));

  const today = todayIn(city.timeZone);
  const recordedBy = userIdByEmail.get("dso@springfield.example") ?? null;
  for (const seed of profileSeeds) {
    const userId = userIdByEmail.get(seed.email);
    if (!userId) continue;
    const [profile] = await db
      .insert(volunteerProfiles)
      .values({
        cityId: city.id,
        userId,
        phone: seed.phone,
        birthDate: seed.birthDate,
        languages: seed.languages,
        skillIds: seed.skills.map((slug) => skillIds.get(slug) as string),
        causeIds: seed.causes.map((slug) => causeIds.get(slug) as string),
        neighbourhood: seed.neighbourhood,
        latitude: seed.latitude,
        longitude: seed.longitude,
        availability: slotsToAvailability(seed.availability),
        accessibilityNeeds: seed.accessibilityNeeds,
        consentEmail: seed.consent.email,
        consentSms: seed.consent.sms,
        calendarToken: newCalendarToken(),
      })
      .returning({ id: volunteerProfiles.id });
    if (!profile) throw new Error("profile insert returned no row");
    for (const credential of seed.credentials) {
      const type = typeBySlug.get(credential.type);
      if (!type) continue;
      const issuedOn = addMonths(today, -credential.monthsAgo);
      await db.insert(volunteerCredentials).values({
        cityId: city.id,
        volunteerId: profile.id,
        credentialTypeId: type.id,
        issuedOn,
        expiresOn: type.validityMonths ? addMonths(issuedOn, type.validityMonths) : null,
        note: "",
        recordedBy,
      });
    }
  }
}

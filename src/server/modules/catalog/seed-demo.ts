import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import { listAgencies } from "../agencies/index.ts";
import { bounties } from "../bounties/index.ts";
import { problems } from "../problems/index.ts";
import { readPubliccode } from "./publiccode/index.ts";
import { columnsOf } from "./save-entry.ts";
import { catalogEntries } from "./schema.ts";

/** The demo city's own software: the shelter booking its bounties built, in the parks department's hands. */
export const demoCatalogEntryName = "Picnic shelter booking";

const shelterBooking = `publiccodeYmlVersion: "0.4"

name: ${demoCatalogEntryName}
url: "https://github.com/springfield-dso/park-permits.git"
landingURL: "https://github.com/springfield-dso/park-permits"
softwareVersion: "1.2.0"
releaseDate: "2026-09-14"
platforms:
  - web
categories:
  - online-booking
  - billing-and-invoicing
usedBy:
  - City of Springfield
developmentStatus: stable
softwareType: standalone/web
intendedAudience:
  scope:
    - sport
  countries:
    - US
organisation:
  uri: "https://springfield.example"
  name: City of Springfield
description:
  en:
    localisedName: Picnic shelter booking
    shortDescription: Residents and sports leagues book a picnic shelter or a sports field online and pay for it, with no paper form.
    longDescription: >
      Picnic shelter booking replaces the paper permit form of a parks department. Residents and
      sports leagues see which shelters and fields are free on a calendar, book a date, answer the
      questions the permit desk used to ask on the phone, and pay by card. Parks staff approve or
      decline bookings from one list and send reminders by text message. It runs as a small web
      application on PostgreSQL and can be themed with any city's name and colours.
    documentation: "https://github.com/springfield-dso/park-permits/wiki"
    features:
      - Calendar of free shelters and fields
      - Online booking and card payment
      - Approval list for parks staff
      - Text message reminders
  es:
    shortDescription: Los vecinos y las ligas reservan un merendero o un campo deportivo en línea y lo pagan, sin formulario en papel.
    longDescription: >
      La reserva de merenderos sustituye el formulario en papel de un departamento de parques. Los
      vecinos y las ligas deportivas ven en un calendario qué merenderos y campos están libres,
      reservan una fecha, responden a las preguntas que antes se hacían por teléfono y pagan con
      tarjeta. El personal de parques aprueba o rechaza las reservas desde una sola lista.
    features:
      - Calendario de merenderos y campos libres
      - Reserva y pago en línea
legal:
  license: AGPL-3.0-or-later
  mainCopyrightOwner: City of Springfield
maintenance:
  type: internal
  contacts:
    - name: Springfield Digital Service
      affiliation: City of Springfield
localisation:
  localisationReady: true
  availableLanguages:
    - en
    - es
dependsOn:
  open:
    - name: PostgreSQL
      versionMin: "15"
`;

export async function seedCatalogDemo(db: Database, city: { id: string; currency: string }, userIdByEmail: ReadonlyMap<string, string>): Promise<void> {
  const [existing] = await db
    .select({ id: catalogEntries.id })
    .from(catalogEntries)
    .where(and(eq(catalogEntries.cityId, city.id), eq(catalogEntries.name, demoCatalogEntryName)))
    .limit(1);
  if (existing) return;
  const read = readPubliccode(shelterBooking);
  if (!read.ok) throw new Error(`The demo publiccode.yml does not read: ${JSON.stringify(read.problems)}`);
  const parks = (await listAgencies(db, city.id)).find((agency) => agency.slug === "parks");
  const solved = await db
    .select({ id: problems.id })
    .from(problems)
    .where(and(eq(problems.cityId, city.id), eq(problems.title, "Park permits are handled on paper forms")));
  const built = await db
    .select({ id: bounties.id })
    .from(bounties)
    .where(and(eq(bounties.cityId, city.id), inArray(bounties.title, ["Online booking for picnic shelters", "Text message reminders for field permits"])));
  await db.insert(catalogEntries).values({
    cityId: city.id,
    ...columnsOf(read.document, read.version),
    agencyIds: parks ? [parks.id] : [],
    problemIds: solved.map((row) => row.id),
    bountyIds: built.map((row) => row.id),
    // What a booking product bought from a vendor would have cost the city in its first year.
    reuseSavingsMinor: 1_850_000,
    currency: city.currency,
    createdBy: userIdByEmail.get("dso@springfield.example") ?? null,
  });
}

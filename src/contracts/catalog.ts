import { z } from "zod";
import { cityPath, isoDateTime } from "./platform.ts";

/**
 * The solutions catalog: software the city built or reuses, described with publiccode.yml, beside
 * the city's published processes and the entries of the cities it follows.
 */

export { developmentStatuses, maintenanceTypes, softwareTypes } from "./publiccode-vocabulary.ts";

/** A publiccode.yml document as read from its YAML: every key kept, known ones checked. */
export const publiccodeDocument = z.record(z.string(), z.unknown());
export type PubliccodeDocument = Record<string, unknown>;

/** Where an entry in a listing comes from: this city, a fork of another city's entry, or another city. */
export const catalogSource = z.enum(["local", "fork", "federated"]);
export type CatalogSource = z.infer<typeof catalogSource>;
export const catalogKind = z.enum(["software", "process"]);
export type CatalogKind = z.infer<typeof catalogKind>;

const money = z.object({ amountMinor: z.number().int(), currency: z.string().length(3) });

/** What a person writes: the publiccode.yml text, and what only this city knows about the solution. */
export const catalogEntryRequest = z.object({
  publiccode: z.string().min(1).max(200_000),
  /** The agencies of this city that use the solution. */
  agencyIds: z.array(z.uuid()).max(200).default([]),
  /** The city's problems the solution solves, and the bounties that built it. */
  problemIds: z.array(z.uuid()).max(200).default([]),
  bountyIds: z.array(z.uuid()).max(200).default([]),
  /** What reusing it saved the city against building or buying it, in minor units of the city's currency. */
  reuseSavingsMinor: z.number().int().min(0).max(1_000_000_000_000).default(0),
});
export type CatalogEntryRequest = z.input<typeof catalogEntryRequest>;

export const validatePubliccodeRequest = z.object({ publiccode: z.string().min(1).max(200_000) });
/** One problem of a publiccode.yml file: the key path, the line (1-based) when known, and what is wrong. */
export const publiccodeProblem = z.object({ field: z.string(), line: z.number().int().nullable(), message: z.string() });
export type PubliccodeProblem = z.infer<typeof publiccodeProblem>;
export const validatePubliccodeResponse = z.object({
  valid: z.boolean(),
  /** The version the file declares ("0.2" … "0.7", or "0"). */
  version: z.string().nullable(),
  problems: z.array(publiccodeProblem),
  /** The document as it will be stored, when valid. */
  document: publiccodeDocument.nullable(),
});

export const catalogEntryPath = cityPath.extend({ entryId: z.uuid({ error: "errors.catalog.notFound" }) });
export const remoteEntryPath = cityPath.extend({ remoteId: z.uuid({ error: "errors.catalog.notFound" }) });

const linkedRecord = z.object({ id: z.uuid(), title: z.string(), status: z.string() });

/** Another city, as its entries name it. */
export const cityReference = z.object({
  name: z.string(),
  /** The city's slug on this deployment; null for a city on another Civitas. */
  slug: z.string().nullable(),
  /** The ActivityPub actor of a city elsewhere. */
  actorUrl: z.string().nullable(),
});

/** How a fork stands against its origin. */
export const forkStatus = z.object({
  originUrl: z.string(),
  origin: cityReference,
  /** The federated entry this was forked from, while this city still holds it. */
  originRemoteId: z.uuid().nullable(),
  forkedAt: isoDateTime,
  /** When the origin last changed, as its city says. */
  originUpdatedAt: isoDateTime.nullable(),
  /** The keys the origin changed since this city forked or last took its changes. */
  originChanges: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});

export const catalogEntry = z.object({
  id: z.uuid(),
  kind: z.literal("software"),
  source: z.enum(["local", "fork"]),
  name: z.string(),
  url: z.string(),
  landingUrl: z.string().nullable(),
  shortDescription: z.string(),
  license: z.string(),
  softwareType: z.string(),
  developmentStatus: z.string(),
  platforms: z.array(z.string()),
  categories: z.array(z.string()),
  publiccodeVersion: z.string(),
  publiccode: publiccodeDocument,
  agencies: z.array(z.object({ id: z.uuid(), name: z.string() })),
  problems: z.array(linkedRecord),
  bounties: z.array(linkedRecord),
  reuseSavings: money,
  fork: forkStatus.nullable(),
  /** Address of the publiccode.yml export. */
  publiccodeUrl: z.string(),
  canEdit: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type CatalogEntryView = z.infer<typeof catalogEntry>;

/** An entry of a city this one follows: read-only, with where it came from. */
export const remoteEntry = z.object({
  id: z.uuid(),
  kind: catalogKind,
  /** The object's ActivityPub id and its page at its own city. */
  objectUrl: z.string(),
  pageUrl: z.string().nullable(),
  name: z.string(),
  summary: z.string(),
  origin: cityReference,
  publishedAt: isoDateTime.nullable(),
  updatedAt: isoDateTime.nullable(),
  receivedAt: isoDateTime,
  /** For software, the publiccode.yml the origin shares; for a process, its steps and figures as the origin shares them. */
  publiccode: publiccodeDocument.nullable(),
  process: z.record(z.string(), z.unknown()).nullable(),
  license: z.string().nullable(),
  developmentStatus: z.string().nullable(),
  categories: z.array(z.string()),
  /** This city's forks of it. */
  forks: z.array(z.object({ id: z.uuid(), name: z.string() })),
  canFork: z.boolean(),
});
export type RemoteEntryView = z.infer<typeof remoteEntry>;

export const catalogListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  kind: catalogKind.optional(),
  category: z.string().max(100).optional(),
  license: z.string().max(100).optional(),
  status: z.string().max(50).optional(),
  /** "local" for this city's own entries, or a followed city's actor URL. */
  city: z.string().max(500).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type CatalogListQuery = z.input<typeof catalogListQuery>;

export const catalogListItem = z.object({
  kind: catalogKind,
  source: catalogSource,
  /** The entry's id: a catalog entry, a process of this city, or a federated entry. */
  id: z.uuid(),
  name: z.string(),
  summary: z.string(),
  license: z.string().nullable(),
  developmentStatus: z.string().nullable(),
  categories: z.array(z.string()),
  city: cityReference,
  updatedAt: isoDateTime.nullable(),
});
export type CatalogListItemView = z.infer<typeof catalogListItem>;

export const catalogList = z.object({
  items: z.array(catalogListItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** The values the filters can take, over everything the city's catalog holds. */
  facets: z.object({
    categories: z.array(z.string()),
    licenses: z.array(z.string()),
    statuses: z.array(z.string()),
    cities: z.array(z.object({ value: z.string(), name: z.string() })),
  }),
});

/** The crawler's view: every software entry of the city with its publiccode.yml address. */
export const catalogCrawl = z.object({
  city: z.object({ slug: z.string(), name: z.string() }),
  generatedAt: isoDateTime,
  software: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      url: z.string(),
      updatedAt: isoDateTime,
      publiccodeUrl: z.string(),
      pageUrl: z.string(),
      publiccode: publiccodeDocument,
    }),
  ),
  processes: z.array(z.object({ id: z.uuid(), name: z.string(), updatedAt: isoDateTime, pageUrl: z.string() })),
});

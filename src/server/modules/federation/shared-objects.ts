import { createHash } from "node:crypto";
import type { Executor } from "../../db/connection.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { openBountiesToShare } from "../bounties/index.ts";
import { listEntries, publiccodePath, summarizePubliccode } from "../catalog/index.ts";
import { openCallsToShare } from "../opportunities/index.ts";
import { publishedProcesses } from "../processes/index.ts";
import type { PublishedKind } from "./schema.ts";

/**
 * What a city shares over ActivityPub, as plain data: the catalog's software, published processes,
 * open bounties and calls for volunteers. Each becomes an Article that a Mastodon client renders
 * (name, summary, link) with the structured record alongside for other Civitas instances.
 */
export interface SharedObject {
  kind: PublishedKind;
  localId: string;
  name: string;
  summary: string;
  pageUrl: string;
  /** The structured record other Civitas instances read. */
  data: Record<string, unknown>;
  hashtags: string[];
  /** A file that describes the record in a standard format (publiccode.yml for software). */
  attachment: { url: string; mediaType: string; name: string } | null;
  publishedAt: string;
}

/** The media type of the structured record carried in an Article's `source`. */
export const sharedRecordMediaType = "application/vnd.civitas.shared+json";
export const sharedRecordFormat = "civitas-shared";

/** The structured record as it travels in `source.content`. */
export function sharedRecordOf(object: Pick<SharedObject, "kind" | "data">): string {
  return JSON.stringify({ format: sharedRecordFormat, version: 1, kind: object.kind, ...object.data });
}

/** A hash of what followers see; the same hash means there is nothing new to send. */
export function contentHashOf(object: SharedObject): string {
  const { publishedAt: _publishedAt, ...content } = object;
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}

function hashtagOf(text: string): string {
  return text
    .replace(/[^\p{L}\p{N}]+(.)?/gu, (_match, next: string | undefined) => (next ? next.toUpperCase() : ""))
    .replace(/^./, (first) => first.toLowerCase());
}

const money = (amountMinor: number, currency: string) => ({ amountMinor, currency });

export async function collectSharedObjects(db: Executor, city: City, origin: string): Promise<SharedObject[]> {
  const [entries, processes, bounties, calls] = await Promise.all([
    listEntries(db, city.id),
    publishedProcesses(db, city.id),
    openBountiesToShare(db, city.id),
    openCallsToShare(db, city.id),
  ]);
  const page = (path: string) => `${origin}/${city.slug}/${path}`;
  return [
    ...entries.map((entry): SharedObject => {
      const summary = summarizePubliccode(entry.publiccode, [city.defaultLocale, "en"]);
      return {
        kind: "software",
        localId: entry.id,
        name: entry.name,
        summary: summary.shortDescription,
        pageUrl: page(`catalog/${entry.id}`),
        data: { publiccode: entry.publiccode, reuseSavings: money(entry.reuseSavingsMinor, entry.currency) },
        hashtags: ["civicTech", "publiccode", ...entry.categories.map(hashtagOf)],
        attachment: { url: `${origin}${publiccodePath(city.slug, entry.id)}`, mediaType: "application/yaml", name: "publiccode.yml" },
        publishedAt: entry.createdAt.toISOString(),
      };
    }),
    ...processes.map(
      (process): SharedObject => ({
        kind: "process",
        localId: process.id,
        name: process.name,
        summary: process.purpose,
        pageUrl: page(`processes/${process.id}`),
        data: {
          process: {
            name: process.content.name,
            purpose: process.content.purpose,
            serviceUsers: process.content.serviceUsers,
            annualVolume: process.content.annualVolume,
            agencyName: process.agencyName,
            steps: process.content.steps,
            figures: process.figures,
            currency: city.currency,
          },
        },
        hashtags: ["civicTech", "serviceDesign"],
        attachment: {
          url: `${origin}/api/v1/cities/${city.slug}/processes/${process.id}/export.bpmn`,
          mediaType: "application/xml",
          name: "process.bpmn",
        },
        publishedAt: process.publishedAt.toISOString(),
      }),
    ),
    ...bounties.map(
      (bounty): SharedObject => ({
        kind: "bounty",
        localId: bounty.id,
        name: bounty.title,
        summary: bounty.description.slice(0, 500),
        pageUrl: page(`bounties/${bounty.id}`),
        data: {
          bounty: {
            kind: bounty.kind,
            auctionType: bounty.auctionType,
            amount: money(bounty.amountMinor, bounty.currency),
            requiredLicence: bounty.requiredLicence,
            endsAt: bounty.endsAt?.toISOString() ?? null,
            deadlineAt: bounty.deadlineAt?.toISOString() ?? null,
          },
        },
        hashtags: ["civicTech", "bounty", "openSource"],
        attachment: null,
        publishedAt: bounty.publishedAt.toISOString(),
      }),
    ),
    ...calls.map(
      (call): SharedObject => ({
        kind: "call",
        localId: call.id,
        name: call.title,
        summary: call.summary,
        pageUrl: page(`opportunities/${call.id}`),
        data: {
          call: {
            remote: call.remote,
            neighbourhood: call.neighbourhood,
            nextShiftStartsAt: call.nextShiftStartsAt.toISOString(),
            shiftCount: call.shiftCount,
          },
        },
        hashtags: ["volunteer", call.remote ? "remoteVolunteering" : "localVolunteering"],
        attachment: null,
        publishedAt: call.publishedAt.toISOString(),
      }),
    ),
  ];
}

// The solutions catalog: software the city built or reuses, described with publiccode.yml, beside its
// published processes and what the cities it follows share; search, import and export, and forks.

export {
  type CatalogEntryRow,
  findEntryRow,
  listEntries,
  publiccodePath,
  type RemoteEntryRow,
  reuseSavingsOf,
} from "./find-catalog.ts";
export { summarizePubliccode, writePubliccode } from "./publiccode/index.ts";
export { type IncomingEntry, markRemoteEntryDeleted, remoteEntryCounts, removeRemoteEntriesOf, storeRemoteEntry } from "./remote-entries.ts";
export { registerCatalogRoutes } from "./routes.ts";
export { catalogEntries, catalogRemoteEntries } from "./schema.ts";
export { seedCatalogDemo } from "./seed-demo.ts";

// publiccode.yml, the standard that describes public software: reading with every problem located by
// key path and line, writing back the same data, and the summary the catalog lists and searches.

export { describePubliccodeProblem, isSpdxExpression, type PubliccodeProblemDetail, type PubliccodeReadResult, readPubliccode } from "./read-publiccode.ts";
export { type PubliccodeSummary, summarizePubliccode } from "./summarize-publiccode.ts";
export {
  countryCodes,
  currentPubliccodeVersion,
  developmentStatuses,
  isAcceptedPubliccodeVersion,
  isLanguageTag,
  maintenanceTypes,
  publiccodeCategories,
  publiccodeScopes,
  publiccodeVersions,
  softwareTypes,
  suggestedPlatforms,
} from "./vocabulary.ts";
export { writePubliccode } from "./write-publiccode.ts";

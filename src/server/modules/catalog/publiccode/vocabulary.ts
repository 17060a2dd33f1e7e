/**
 * The controlled vocabularies of the publiccode.yml standard (spec 0.7, docs/standard/ of
 * publiccodeyml/publiccode.yml): the values the validator accepts and the forms suggest.
 */

/** The spec versions this catalog reads. Files written for 0.2 … 0.7 are read with the 0.7 rules, which only added keys. */
export const publiccodeVersions = ["0", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"] as const;

/** "0" (the rolling major version the official examples declare), a minor version, or one of its patch versions ("0.4.1"). */
export function isAcceptedPubliccodeVersion(version: string): boolean {
  if (version === "0") return true;
  const match = /^(0\.\d+)(\.\d+)?$/.exec(version);
  return match !== null && (publiccodeVersions as readonly string[]).includes(match[1] ?? "");
}

/** The version the catalog writes when it creates a file. */
export const currentPubliccodeVersion = "0.7";

/** The platforms the standard names; any other human-readable value is allowed too. */
export const suggestedPlatforms = ["web", "windows", "mac", "linux", "ios", "android"] as const;

export { developmentStatuses, maintenanceTypes, softwareTypes } from "../../../../contracts/catalog.ts";

/** The categories-list of the standard. */
export const publiccodeCategories = [
  "accounting",
  "agile-project-management",
  "applicant-tracking",
  "application-development",
  "appointment-scheduling",
  "backup",
  "billing-and-invoicing",
  "blog",
  "budgeting",
  "business-intelligence",
  "business-process-management",
  "cad",
  "call-center-management",
  "cloud-management",
  "collaboration",
  "communications",
  "compliance-management",
  "contact-management",
  "content-management",
  "crm",
  "customer-service-and-support",
  "data-analytics",
  "data-collection",
  "data-visualization",
  "design",
  "design-system",
  "digital-asset-management",
  "digital-citizenship",
  "document-management",
  "donor-management",
  "e-commerce",
  "e-signature",
  "educational-content",
  "email-management",
  "email-marketing",
  "employee-management",
  "enterprise-project-management",
  "enterprise-social-networking",
  "erp",
  "event-management",
  "facility-management",
  "feedback-and-reviews-management",
  "financial-reporting",
  "fleet-management",
  "fundraising",
  "gamification",
  "geographic-information-systems",
  "grant-management",
  "graphic-design",
  "help-desk",
  "hr",
  "ide",
  "identity-management",
  "instant-messaging",
  "integrated-library-system",
  "inventory-management",
  "it-asset-management",
  "it-development",
  "it-management",
  "it-security",
  "it-service-management",
  "knowledge-management",
  "learning-management-system",
  "marketing",
  "mind-mapping",
  "mobile-marketing",
  "mobile-payment",
  "network-management",
  "office",
  "online-booking",
  "online-community",
  "payment-gateway",
  "payroll",
  "predictive-analysis",
  "procurement",
  "productivity-suite",
  "project-collaboration",
  "project-management",
  "property-management",
  "real-estate-management",
  "regulations-and-directives",
  "remote-support",
  "resource-management",
  "sales-management",
  "seo",
  "service-desk",
  "social-media-management",
  "survey",
  "talent-management",
  "task-management",
  "taxes-management",
  "test-management",
  "time-management",
  "time-tracking",
  "translation",
  "video-conferencing",
  "video-editing",
  "visitor-management",
  "voip",
  "warehouse-management",
  "web-collaboration",
  "web-conferencing",
  "website-builder",
  "whistleblowing",
  "workflow-management",
  "other",
] as const;

/** The scope-list of the standard, for intendedAudience/scope. */
export const publiccodeScopes = [
  "agriculture",
  "culture",
  "defence",
  "education",
  "emergency-services",
  "employment",
  "energy",
  "environment",
  "finance-and-economic-development",
  "foreign-affairs",
  "government",
  "healthcare",
  "infrastructures",
  "justice",
  "local-authorities",
  "manufacturing",
  "research",
  "science-and-technology",
  "security",
  "society",
  "sport",
  "tourism",
  "transportation",
  "welfare",
] as const;

/** The officially assigned ISO 3166-1 alpha-2 codes. */
export const countryCodes: ReadonlySet<string> = new Set(
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
  BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
  CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
  DE DJ DK DM DO DZ
  EC EE EG EH ER ES ET
  FI FJ FK FM FO FR
  GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
  HK HM HN HR HT HU
  ID IE IL IM IN IO IQ IR IS IT
  JE JM JO JP
  KE KG KH KI KM KN KP KR KW KY KZ
  LA LB LC LI LK LR LS LT LU LV LY
  MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
  NA NC NE NF NG NI NL NO NP NR NU NZ
  OM
  PA PE PF PG PH PK PL PM PN PR PS PT PW PY
  QA
  RE RO RS RU RW
  SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
  TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
  UA UG UM US UY UZ
  VA VC VE VG VI VN VU
  WF WS
  YE YT
  ZA ZM ZW`.split(/\s+/),
);

/**
 * The shape of an IETF BCP 47 language tag (RFC 5646 "langtag"): a two- or three-letter primary
 * language subtag, which the standard says cannot be omitted (the longer forms RFC 5646 reserves have
 * never been assigned, and rejecting them catches "english"), then optional extlang, script, region,
 * variants, extensions and private use. The shape is checked, not the registry, so new subtags pass.
 */
const languageTagPattern =
  /^[a-z]{2,3}(?:-[a-z]{3}){0,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[\da-wyz](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?$/i;

export function isLanguageTag(value: string): boolean {
  return languageTagPattern.test(value);
}

/** Keys the standard keeps for old files but asks authors to stop writing, with what replaces them. */
export const deprecatedKeys: ReadonlyMap<string, string | null> = new Map([
  ["monochromeLogo", null],
  ["inputTypes", null],
  ["outputTypes", null],
  ["description.*.genericName", null],
  ["legal.repoOwner", "organisation.name"],
  ["legal.authorsFile", null],
]);

export const logoFormats = ["svg", "svgz", "png"] as const;
export const screenshotFormats = ["png", "jpg", "jpeg"] as const;

/**
 * Kept apart from the zod schemas so that pages can read these lists without downloading zod.
 */

/** The values publiccode.yml allows for these keys: the server checks them, pages put them in words. */
export const softwareTypes = [
  "standalone/mobile",
  "standalone/iot",
  "standalone/desktop",
  "standalone/web",
  "standalone/backend",
  "standalone/other",
  "addon",
  "library",
  "configurationFiles",
] as const;
export const developmentStatuses = ["concept", "development", "beta", "stable", "obsolete"] as const;
export const maintenanceTypes = ["internal", "contract", "community", "none"] as const;

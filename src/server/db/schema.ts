/** Every table of every module, for Drizzle's relational queries and for drizzle-kit. */

export * from "../modules/agencies/schema.ts";
export * from "../modules/bounties/schema.ts";
export * from "../modules/campaigns/schema.ts";
export * from "../modules/catalog/schema.ts";
export * from "../modules/federation/schema.ts";
export * from "../modules/groups/schema.ts";
export * from "../modules/impact/schema.ts";
export * from "../modules/ledger/schema.ts";
export * from "../modules/opportunities/schema.ts";
export * from "../modules/problems/schema.ts";
export * from "../modules/processes/schema.ts";
export * from "../modules/staff/schema.ts";
export * from "../modules/vendors/schema.ts";
export * from "../modules/volunteers/schema.ts";
export * from "../platform/audit/schema.ts";
export * from "../platform/auth/schema.ts";
export * from "../platform/mail/schema.ts";
export * from "../platform/policy/schema.ts";
export * from "../platform/tenancy/schema.ts";

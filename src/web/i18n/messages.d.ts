/** Served by the civitas-messages plugin (message-split.ts). */
declare module "virtual:civitas-messages" {
  /** Language codes, English first. */
  export const languages: string[];
  /** Per page module ("./pages/impact/ImpactPage.tsx"), the sections it needs beyond the shell's. */
  export const pageSections: Record<string, string[]>;
  /** Per language, a loader for the shell's sections ("shell") and one per other section. */
  export const loaders: Record<string, Record<string, () => Promise<{ default: Record<string, unknown> }>>>;
}

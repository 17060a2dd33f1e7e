// Processes: how an agency's work is done today and how it could be done, step by step, with what
// it costs (the Standard Cost Model), immutable revisions, and exports to Markdown, JSON and BPMN.

export { type CostedStep, type ProcessFigures, processFigures, processSaving } from "../../../contracts/process-cost.ts";
export { type PublishedProcess, processSavingsOf, publishedProcesses } from "./find-processes.ts";
export { registerProcessRoutes } from "./routes.ts";
export { processes, processRates, processRevisions } from "./schema.ts";
export { seedProcessDemo } from "./seed-demo.ts";

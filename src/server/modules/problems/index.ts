// Problems: what agencies and residents find wrong with how the city works, the DSO's triage, and the
// public board. Bounties are created from accepted problems and ask this module whether one exists.

export { createProblem } from "./create-problem.ts";
export { findProblem, findProblemBoard, findPublicProblem, type Problem } from "./find-problems.ts";
export { problemPersonalData } from "./personal-data.ts";
export { registerProblemRoutes } from "./routes.ts";
export { problemSupports, problems } from "./schema.ts";
export { seedProblemDemo } from "./seed-demo.ts";
export { supportProblem, withdrawSupport } from "./support-problem.ts";
export { triageProblem } from "./triage-problem.ts";

// Groups: civic-tech brigades and volunteer associations of a city, with their members and organizers.
// Other modules aim at a group's active members (campaign audiences) and list groups through here.

export { listGroups } from "./find-groups.ts";
export { groupPersonalData } from "./personal-data.ts";
export { registerGroupRoutes } from "./routes.ts";
export { groupMembers, groups } from "./schema.ts";
export { seedGroupDemo } from "./seed-demo.ts";

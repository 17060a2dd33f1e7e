// Groups: civic-tech brigades and volunteer associations of a city, with their members and organizers,
// projects with open roles and the applications to them. Their events are opportunities the group
// hosts (the opportunities module). Other modules aim at a group's active members (campaign audiences).

export { remindWaitingApplications } from "./applications.ts";
export { listGroups } from "./find-groups.ts";
export { defineGroupJobs } from "./jobs.ts";
export { groupPersonalData } from "./personal-data.ts";
export { registerGroupRoutes } from "./routes.ts";
export { groupMembers, groups, projectRoles, projects, roleApplications } from "./schema.ts";
export { seedGroupDemo, seedGroupWorkDemo } from "./seed-demo.ts";

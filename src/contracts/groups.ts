import { z } from "zod";
import { isoDateTime } from "./platform.ts";

/**
 * Civic-tech and volunteer groups of a city: their members, events (opportunities the group runs),
 * projects with open roles, and the applications volunteers make to those roles.
 */

export const groupSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/, { error: "errors.groups.slug" });

const webAddress = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/[^\s/?#]+\.[^\s]*$/i, { error: "errors.groups.url" });

export const groupLink = z.object({ label: z.string().trim().min(1).max(60), url: webAddress });

export const groupSummary = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    memberCount: z.number().int(),
    approvalRequired: z.boolean(),
    projectCount: z.number().int(),
    openRoleCount: z.number().int(),
  })
  .meta({ id: "GroupSummary" });
export type GroupSummaryView = z.infer<typeof groupSummary>;

export const groupList = z.object({ groups: z.array(groupSummary) });

/** Where the reader stands with a group. */
export const groupViewer = z.object({
  status: z.enum(["anonymous", "none", "pending", "member", "organizer"]),
  /** Organizers of the group, and the city's admins and DSO staff. */
  canManage: z.boolean(),
});

export const personRef = z.object({ userId: z.uuid(), name: z.string() });

export const groupEvent = z.object({
  opportunityId: z.uuid(),
  title: z.string(),
  summary: z.string(),
  nextShiftAt: isoDateTime.nullable(),
  upcomingShifts: z.number().int(),
});

export const projectStage = z.enum(["idea", "research", "prototype", "pilot", "live", "paused"]);
export type ProjectStage = z.infer<typeof projectStage>;

export const projectSummary = z
  .object({
    id: z.uuid(),
    group: z.object({ slug: z.string(), name: z.string() }),
    name: z.string(),
    summary: z.string(),
    stage: projectStage,
    technologies: z.array(z.string()),
    openRoles: z.number().int(),
    memberCount: z.number().int(),
    updatedAt: isoDateTime,
  })
  .meta({ id: "ProjectSummary" });
export type ProjectSummaryView = z.infer<typeof projectSummary>;

export const groupView = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    links: z.array(groupLink),
    approvalRequired: z.boolean(),
    memberCount: z.number().int(),
    /** Names are shown to people signed in; null for anonymous readers. */
    organizers: z.array(personRef).nullable(),
    viewer: groupViewer,
    projects: z.array(projectSummary),
    /** Published events with shifts to come, soonest first. */
    events: z.array(groupEvent),
  })
  .meta({ id: "Group" });
export type GroupView = z.infer<typeof groupView>;

export const groupPath = z.object({ city: z.string(), group: z.string().min(1).max(60) });

export const createGroupRequest = z.object({
  slug: groupSlug,
  name: z.string().trim().min(2).max(120),
  description: z.string().trim().max(4000).default(""),
  links: z.array(groupLink).max(10).default([]),
  approvalRequired: z.boolean().default(false),
});
export const updateGroupRequest = z.object({
  name: z.string().trim().min(2).max(120).optional(),
  description: z.string().trim().max(4000).optional(),
  links: z.array(groupLink).max(10).optional(),
  approvalRequired: z.boolean().optional(),
});

export const groupMember = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.enum(["member", "organizer"]),
    status: z.enum(["pending", "active"]),
    joinedAt: isoDateTime,
  })
  .meta({ id: "GroupMember" });
export const groupMemberList = z.object({ members: z.array(groupMember) });
export const memberPath = z.object({ city: z.string(), group: z.string().min(1).max(60), userId: z.uuid() });
export const memberDecision = z.object({ decision: z.enum(["approve", "decline"]) });
export const memberRoleRequest = z.object({ role: z.enum(["member", "organizer"]) });
export const membershipResult = z.object({ status: z.enum(["pending", "member", "organizer"]) });

export const projectRoleView = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    skills: z.array(z.object({ id: z.uuid(), name: z.string() })),
    status: z.enum(["open", "filled", "closed"]),
    memberCount: z.number().int(),
  })
  .meta({ id: "ProjectRole" });

export const linkedRecord = z.object({ id: z.uuid(), title: z.string(), status: z.string() });

export const projectView = z
  .object({
    id: z.uuid(),
    group: z.object({ slug: z.string(), name: z.string() }),
    name: z.string(),
    summary: z.string(),
    description: z.string(),
    stage: projectStage,
    technologies: z.array(z.string()),
    repositoryUrl: z.string().nullable(),
    problems: z.array(linkedRecord),
    bounties: z.array(linkedRecord),
    roles: z.array(projectRoleView),
    memberCount: z.number().int(),
    /** Approved members and their roles; names only for people signed in, null for anonymous readers. */
    members: z.array(z.object({ userId: z.uuid(), name: z.string(), roleId: z.uuid(), roleTitle: z.string() })).nullable(),
    viewer: z.object({
      canManage: z.boolean(),
      /** The reader's own applications to this project's roles. */
      applications: z.array(z.object({ id: z.uuid(), roleId: z.uuid(), status: z.enum(["pending", "approved", "declined", "withdrawn"]) })),
    }),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: "Project" });
export type ProjectView = z.infer<typeof projectView>;

export const projectPath = z.object({ city: z.string(), projectId: z.uuid() });
export const rolePath = z.object({ city: z.string(), projectId: z.uuid(), roleId: z.uuid() });

const projectFields = {
  name: z.string().trim().min(2).max(120),
  summary: z.string().trim().min(10).max(300),
  description: z.string().trim().max(10_000),
  stage: projectStage,
  technologies: z.array(z.string().trim().min(1).max(40)).max(20),
  repositoryUrl: webAddress.nullable(),
  problemIds: z.array(z.uuid()).max(20),
  bountyIds: z.array(z.uuid()).max(20),
};
export const createProjectRequest = z.object({
  ...projectFields,
  description: projectFields.description.default(""),
  stage: projectFields.stage.default("idea"),
  technologies: projectFields.technologies.default([]),
  repositoryUrl: projectFields.repositoryUrl.default(null),
  problemIds: projectFields.problemIds.default([]),
  bountyIds: projectFields.bountyIds.default([]),
});
export const updateProjectRequest = z.object(projectFields).partial();

export const saveRoleRequest = z.object({
  title: z.string().trim().min(2).max(100),
  description: z.string().trim().max(2000).default(""),
  skillIds: z.array(z.uuid()).max(10).default([]),
  status: z.enum(["open", "filled", "closed"]).default("open"),
});

export const applyRequest = z.object({ message: z.string().trim().min(10).max(2000) });
export const applicationPath = z.object({ city: z.string(), applicationId: z.uuid() });
export const applicationDecision = z.object({
  decision: z.enum(["approve", "decline"]),
  /** Shown to the applicant with a decline. */
  reason: z.string().trim().max(500).optional(),
});

export const applicationView = z
  .object({
    id: z.uuid(),
    project: z.object({ id: z.uuid(), name: z.string() }),
    role: z.object({ id: z.uuid(), title: z.string() }),
    applicant: personRef.extend({ email: z.string() }),
    message: z.string(),
    status: z.enum(["pending", "approved", "declined", "withdrawn"]),
    declineReason: z.string().nullable(),
    createdAt: isoDateTime,
    decidedAt: isoDateTime.nullable(),
    /** Whole days the application has waited (pending ones). */
    waitingDays: z.number().int(),
  })
  .meta({ id: "RoleApplication" });
export const applicationList = z.object({ applications: z.array(applicationView) });
export const applicationListQuery = z.object({ status: z.enum(["pending", "approved", "declined", "withdrawn"]).optional() });

/** The reader's own applications, anywhere in the city. */
export const myApplications = z.object({
  applications: z.array(
    z.object({
      id: z.uuid(),
      group: z.object({ slug: z.string(), name: z.string() }),
      project: z.object({ id: z.uuid(), name: z.string() }),
      role: z.object({ id: z.uuid(), title: z.string() }),
      status: z.enum(["pending", "approved", "declined", "withdrawn"]),
      declineReason: z.string().nullable(),
      createdAt: isoDateTime,
    }),
  ),
});

export const projectListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  stage: projectStage.optional(),
  skill: z.uuid().optional(),
});
export const projectList = z.object({ projects: z.array(projectSummary) });

/** Open roles ranked for the reader by the skills they share with the role (the volunteer matching's skill rule). */
export const roleMatches = z.object({
  hasProfile: z.boolean(),
  roles: z.array(
    z.object({
      role: projectRoleView,
      project: projectSummary,
      /** The share of the role's skills the volunteer has, 0–1 (1 when the role asks for none). */
      score: z.number(),
      matchedSkills: z.array(z.string()),
    }),
  ),
});

/** For the DSO: which groups' projects work on which of the city's problems. */
export const problemWork = z.object({
  problems: z.array(
    z.object({
      problem: linkedRecord,
      projects: z.array(z.object({ id: z.uuid(), name: z.string(), stage: projectStage, group: z.object({ slug: z.string(), name: z.string() }) })),
    }),
  ),
  /** Projects that name no problem. */
  unlinkedProjects: z.number().int(),
});

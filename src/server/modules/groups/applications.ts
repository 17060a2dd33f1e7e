import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { users } from "../../platform/auth/index.ts";
import { ConflictError, NotFoundError, UnauthenticatedError } from "../../platform/errors/index.ts";
import { isSupportedLocale, translate } from "../../platform/i18n/index.ts";
import { type Mailer, renderMail } from "../../platform/mail/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { type City, cities } from "../../platform/tenancy/index.ts";
import { findGroupById, requireGroupManager } from "./access.ts";
import type { Project } from "./projects.ts";
import { groupMembers, groups, projectRoles, projects, roleApplications } from "./schema.ts";

export type RoleApplication = typeof roleApplications.$inferSelect;

/**
 * Applying to a project's open role, and the organizers' answer. An application is written by one
 * conditional statement (the role open, the person without a live application to it), so two quick
 * clicks or two tabs make one. Deciding moves a pending application only, so two organizers
 * answering at once cannot both win; the second learns it was already answered.
 */

export async function applyToRole(ctx: OperationContext, project: Project, roleId: string, message: string): Promise<RoleApplication> {
  if (!ctx.actor) throw new UnauthenticatedError();
  const actor = ctx.actor;
  return ctx.db.transaction(async (tx) => {
    const inserted = await tx.execute<{ id: string }>(sql`
      insert into role_applications (id, city_id, project_id, role_id, user_id, message)
      select gen_random_uuid(), r.city_id, r.project_id, r.id, ${actor.userId}, ${message}
      from project_roles r
      where r.id = ${roleId} and r.project_id = ${project.id} and r.city_id = ${ctx.city.id} and r.status = 'open'
      on conflict (role_id, user_id) where status in ('pending', 'approved') do nothing
      returning id`);
    const id = inserted.rows[0]?.id;
    if (!id) {
      const [role] = await tx
        .select({ status: projectRoles.status })
        .from(projectRoles)
        .where(and(eq(projectRoles.id, roleId), eq(projectRoles.projectId, project.id)));
      if (!role) throw new NotFoundError("errors.groups.roleNotFound");
      if (role.status !== "open") throw new ConflictError("errors.groups.roleNotOpen");
      throw new ConflictError("errors.groups.alreadyApplied");
    }
    const [created] = await tx.select().from(roleApplications).where(eq(roleApplications.id, id));
    if (!created) throw new Error("the application just written is gone");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor,
      action: "project.applied",
      targetType: "project",
      targetId: project.id,
      after: { applicationId: id, roleId, userId: actor.userId },
      requestId: ctx.requestId,
    });
    return created;
  });
}

export async function findApplication(db: Executor, cityId: string, applicationId: string): Promise<RoleApplication> {
  const [found] = await db
    .select()
    .from(roleApplications)
    .where(and(eq(roleApplications.cityId, cityId), eq(roleApplications.id, applicationId)))
    .limit(1);
  if (!found) throw new NotFoundError("errors.groups.applicationNotFound");
  return found;
}

/** The organizers' answer to a pending application. */
export async function decideApplication(
  ctx: OperationContext,
  application: RoleApplication,
  decision: "approve" | "decline",
  reason: string | undefined,
): Promise<RoleApplication> {
  const [project] = await ctx.db.select({ groupId: projects.groupId }).from(projects).where(eq(projects.id, application.projectId));
  if (!project) throw new NotFoundError("errors.groups.projectNotFound");
  await requireGroupManager(ctx.db, ctx.city, ctx.actor, project.groupId);
  return ctx.db.transaction(async (tx) => {
    const [decided] = await tx
      .update(roleApplications)
      .set({
        status: decision === "approve" ? "approved" : "declined",
        decidedBy: ctx.actor?.userId ?? null,
        decidedAt: new Date(),
        declineReason: decision === "decline" ? reason || null : null,
        updatedAt: new Date(),
      })
      .where(and(eq(roleApplications.id, application.id), eq(roleApplications.status, "pending")))
      .returning();
    if (!decided) throw new ConflictError("errors.groups.applicationDecided");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: decision === "approve" ? "project.application-approved" : "project.application-declined",
      targetType: "project",
      targetId: application.projectId,
      before: { applicationId: application.id, status: "pending" },
      after: { applicationId: application.id, status: decided.status, declineReason: decided.declineReason },
      requestId: ctx.requestId,
    });
    return decided;
  });
}

/** The applicant withdraws a pending application, or steps down from an approved role. */
export async function withdrawApplication(ctx: OperationContext, application: RoleApplication): Promise<void> {
  if (!ctx.actor) throw new UnauthenticatedError();
  // Someone else's application does not exist for this person.
  if (application.userId !== ctx.actor.userId) throw new NotFoundError("errors.groups.applicationNotFound");
  await ctx.db.transaction(async (tx) => {
    const [withdrawn] = await tx
      .update(roleApplications)
      .set({ status: "withdrawn", decidedAt: null, updatedAt: new Date() })
      .where(and(eq(roleApplications.id, application.id), sql`${roleApplications.status} in ('pending', 'approved')`))
      .returning();
    if (!withdrawn) throw new ConflictError("errors.groups.applicationClosed");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "project.application-withdrawn",
      targetType: "project",
      targetId: application.projectId,
      before: { applicationId: application.id, status: application.status },
      after: { applicationId: application.id, status: "withdrawn" },
      requestId: ctx.requestId,
    });
  });
}

const dayMs = 86_400_000;

/** A group's applications, oldest pending first, with the applicants' contact details (organizers only). */
export async function listGroupApplications(
  db: Executor,
  filter: { groupId: string; status?: RoleApplication["status"] } | { applicationId: string },
  now = new Date(),
) {
  const rows = await db
    .select({ application: roleApplications, projectName: projects.name, roleTitle: projectRoles.title, name: users.name, email: users.email })
    .from(roleApplications)
    .innerJoin(projects, eq(projects.id, roleApplications.projectId))
    .innerJoin(projectRoles, eq(projectRoles.id, roleApplications.roleId))
    .innerJoin(users, eq(users.id, roleApplications.userId))
    .where(
      "applicationId" in filter
        ? eq(roleApplications.id, filter.applicationId)
        : and(eq(projects.groupId, filter.groupId), filter.status ? eq(roleApplications.status, filter.status) : undefined),
    )
    .orderBy(sql`${roleApplications.status} <> 'pending'`, asc(roleApplications.createdAt))
    .limit(500);
  return rows.map((row) => ({
    id: row.application.id,
    project: { id: row.application.projectId, name: row.projectName },
    role: { id: row.application.roleId, title: row.roleTitle },
    applicant: { userId: row.application.userId, name: row.name, email: row.email },
    message: row.application.message,
    status: row.application.status,
    declineReason: row.application.declineReason,
    createdAt: row.application.createdAt.toISOString(),
    decidedAt: row.application.decidedAt?.toISOString() ?? null,
    waitingDays: row.application.status === "pending" ? Math.floor((now.getTime() - row.application.createdAt.getTime()) / dayMs) : 0,
  }));
}

export async function myApplications(db: Executor, cityId: string, userId: string) {
  const rows = await db
    .select({ application: roleApplications, projectName: projects.name, roleTitle: projectRoles.title, groupSlug: groups.slug, groupName: groups.name })
    .from(roleApplications)
    .innerJoin(projects, eq(projects.id, roleApplications.projectId))
    .innerJoin(projectRoles, eq(projectRoles.id, roleApplications.roleId))
    .innerJoin(groups, eq(groups.id, projects.groupId))
    .where(and(eq(roleApplications.cityId, cityId), eq(roleApplications.userId, userId)))
    .orderBy(desc(roleApplications.createdAt));
  return rows.map((row) => ({
    id: row.application.id,
    group: { slug: row.groupSlug, name: row.groupName },
    project: { id: row.application.projectId, name: row.projectName },
    role: { id: row.application.roleId, title: row.roleTitle },
    status: row.application.status,
    declineReason: row.application.declineReason,
    createdAt: row.application.createdAt.toISOString(),
  }));
}

/** The group's active organizers, to write to. */
async function organizersOf(db: Executor, groupId: string) {
  return db
    .select({ email: users.email, name: users.name, locale: users.locale })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.role, "organizer"), eq(groupMembers.status, "active")));
}

const localeOf = (value: string | null, city: City) => (value && isSupportedLocale(value) ? value : city.defaultLocale);

/**
 * Tells the group's organizers about an application: when it arrives (`new`), and while it waits
 * (`waiting`, after 2 and 7 days).
 */
export async function mailOrganizers(
  db: Executor,
  mailer: Mailer,
  publicUrl: string,
  city: City,
  application: { id: string; projectId: string; roleId: string; userId: string; createdAt: Date },
  kind: "new" | "waiting",
  now = new Date(),
): Promise<number> {
  const [details] = await db
    .select({ projectName: projects.name, groupId: projects.groupId, roleTitle: projectRoles.title, applicant: users.name })
    .from(projects)
    .innerJoin(projectRoles, eq(projectRoles.id, application.roleId))
    .innerJoin(users, eq(users.id, application.userId))
    .where(eq(projects.id, application.projectId));
  if (!details) return 0;
  const group = await findGroupById(db, city.id, details.groupId);
  const url = `${publicUrl}/${city.slug}/groups/${group.slug}/manage`;
  const days = Math.floor((now.getTime() - application.createdAt.getTime()) / dayMs);
  let sent = 0;
  for (const organizer of await organizersOf(db, details.groupId)) {
    const locale = localeOf(organizer.locale, city);
    const t = (key: string) =>
      translate(locale, `mail.groups.${kind}.${key}`, {
        applicant: details.applicant,
        role: details.roleTitle,
        project: details.projectName,
        group: group.name,
        days,
      });
    const body = renderMail({
      locale,
      heading: t("heading"),
      paragraphs: [t("body")],
      action: { label: translate(locale, "mail.groups.action"), url },
      footer: translate(locale, "mail.groups.footer", { group: group.name, city: city.name }),
    });
    await mailer.send({ cityId: city.id, kind: `group-application-${kind}`, to: organizer.email, subject: t("subject"), ...body, fromName: city.name });
    sent++;
  }
  return sent;
}

/** Tells the applicant the organizers' answer. */
export async function mailApplicant(db: Executor, mailer: Mailer, publicUrl: string, city: City, application: RoleApplication): Promise<void> {
  const [details] = await db
    .select({ projectName: projects.name, roleTitle: projectRoles.title, email: users.email, locale: users.locale })
    .from(roleApplications)
    .innerJoin(projects, eq(projects.id, roleApplications.projectId))
    .innerJoin(projectRoles, eq(projectRoles.id, roleApplications.roleId))
    .innerJoin(users, eq(users.id, roleApplications.userId))
    .where(eq(roleApplications.id, application.id));
  if (!details || (application.status !== "approved" && application.status !== "declined")) return;
  const locale = localeOf(details.locale, city);
  const t = (key: string) =>
    translate(locale, `mail.groups.${application.status}.${key}`, {
      role: details.roleTitle,
      project: details.projectName,
      reason: application.declineReason ?? "",
    });
  const paragraphs = [t("body")];
  if (application.status === "declined" && application.declineReason)
    paragraphs.push(`${translate(locale, "mail.groups.reason")}: ${application.declineReason}`);
  const body = renderMail({
    locale,
    heading: t("heading"),
    paragraphs,
    action: { label: translate(locale, "mail.groups.seeProject"), url: `${publicUrl}/${city.slug}/projects/${application.projectId}` },
  });
  await mailer.send({
    cityId: city.id,
    kind: `group-application-${application.status}`,
    to: details.email,
    subject: t("subject"),
    ...body,
    fromName: city.name,
  });
}

/**
 * Reminds organizers of applications left waiting: once after 2 days, again after 7. Each reminder
 * is claimed and sent in one transaction, so it goes out once even with several workers, and a
 * failed send is tried again on the next run.
 */
export async function remindWaitingApplications(db: Database, mailer: Mailer, publicUrl: string, now = new Date()): Promise<number> {
  let reminded = 0;
  for (const stage of [
    { column: "second_reminder_at", days: 7 },
    { column: "first_reminder_at", days: 2 },
  ] as const) {
    for (;;) {
      const done = await db.transaction(async (tx) => {
        const claimed = await tx.execute<{ id: string; city_id: string; project_id: string; role_id: string; user_id: string; created_at: Date }>(sql`
          update role_applications a
          set ${
            stage.column === "first_reminder_at"
              ? sql`first_reminder_at = ${now}`
              : sql`first_reminder_at = coalesce(a.first_reminder_at, ${now}), second_reminder_at = ${now}`
          }
          where a.id = (
            select id from role_applications
            where status = 'pending' and ${sql.raw(stage.column)} is null and created_at <= ${new Date(now.getTime() - stage.days * dayMs)}
            order by created_at
            limit 1
            for update skip locked)
          returning a.id, a.city_id, a.project_id, a.role_id, a.user_id, a.created_at`);
        const row = claimed.rows[0];
        if (!row) return true;
        const [city] = await tx.select().from(cities).where(eq(cities.id, row.city_id));
        if (city)
          await mailOrganizers(
            tx,
            mailer,
            publicUrl,
            city,
            { id: row.id, projectId: row.project_id, roleId: row.role_id, userId: row.user_id, createdAt: new Date(row.created_at) },
            "waiting",
            now,
          );
        reminded++;
        return false;
      });
      if (done) break;
    }
  }
  return reminded;
}

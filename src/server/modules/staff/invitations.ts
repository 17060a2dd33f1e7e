import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { CityRoleName } from "../../../contracts/platform.ts";
import type { Executor } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { users } from "../../platform/auth/index.ts";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "../../platform/errors/index.ts";
import { isSupportedLocale, translate } from "../../platform/i18n/index.ts";
import { type Mailer, renderMail } from "../../platform/mail/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { agencyNamesById, findAgency } from "../agencies/index.ts";
import { grantRoleIn } from "./grant-role.ts";
import { invitations } from "./schema.ts";

/**
 * Invitations: a city admin names an email address and a role; the person follows the emailed
 * link, signs in with that address (magic link, password or single sign-on) and accepts.
 */

const invitationLifetimeDays = 14;

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function statusOf(invitation: { status: "pending" | "accepted" | "revoked"; expiresAt: Date }, now = new Date()): InvitationStatus {
  return invitation.status === "pending" && invitation.expiresAt <= now ? "expired" : invitation.status;
}

export interface InviteInput {
  email: string;
  role: CityRoleName;
  agencyId?: string | null;
}

export async function inviteStaff(ctx: OperationContext & { mailer: Mailer; publicUrl: string }, input: InviteInput) {
  const agencyId = input.role === "agency_staff" ? (input.agencyId ?? null) : null;
  if (input.role === "agency_staff" && !agencyId) throw new InvalidInputError([{ field: "agencyId", messageKey: "errors.staff.agencyRequired" }]);
  const agency = agencyId ? await findAgency(ctx.db, ctx.city.id, agencyId) : null;
  if (agencyId && !agency) throw new InvalidInputError([{ field: "agencyId", messageKey: "errors.agencies.notFound" }]);

  const token = randomBytes(24).toString("base64url");
  const link = `${ctx.publicUrl}/${ctx.city.slug}/invitations/${token}`;
  const invitation = await ctx.db.transaction(async (tx) => {
    const [pendingSame] = await tx
      .select({ id: invitations.id, expiresAt: invitations.expiresAt, status: invitations.status })
      .from(invitations)
      .where(and(eq(invitations.cityId, ctx.city.id), eq(invitations.email, input.email), eq(invitations.role, input.role), eq(invitations.status, "pending")));
    if (pendingSame && statusOf(pendingSame) === "pending") {
      throw new ConflictError("errors.staff.alreadyInvited", { email: input.email }, [
        { field: "email", messageKey: "errors.staff.alreadyInvited", params: { email: input.email } },
      ]);
    }
    const [created] = await tx
      .insert(invitations)
      .values({
        cityId: ctx.city.id,
        email: input.email,
        role: input.role,
        agencyId,
        tokenHash: hashToken(token),
        invitedBy: ctx.actor?.userId ?? null,
        expiresAt: new Date(Date.now() + invitationLifetimeDays * 86_400_000),
      })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "invitation.created",
      targetType: "invitation",
      targetId: created.id,
      after: { email: created.email, role: created.role, agencyId },
      requestId: ctx.requestId,
    });
    return created;
  });

  // In the invitee's own language when they already have an account, else the city's.
  const [existing] = await ctx.db.select({ locale: users.locale }).from(users).where(eq(users.email, input.email)).limit(1);
  const locale = isSupportedLocale(existing?.locale) ? existing.locale : ctx.city.defaultLocale;
  const t = (key: string, params: Record<string, unknown> = {}) => translate(locale, key, params);
  const roleName = t(`roles.${input.role}`);
  const body = renderMail({
    locale,
    heading: t("mail.invitation.heading", { city: ctx.city.name }),
    paragraphs: [
      t("mail.invitation.intro", { inviter: ctx.actor?.name ?? ctx.city.name, city: ctx.city.name, role: agency ? `${roleName} (${agency.name})` : roleName }),
      t("mail.invitation.howTo", { email: input.email, days: invitationLifetimeDays }),
    ],
    action: { label: t("mail.invitation.action"), url: link },
    footer: t("mail.invitation.ignore"),
  });
  await ctx.mailer.send({ cityId: ctx.city.id, kind: "invitation", to: input.email, subject: t("mail.invitation.subject", { city: ctx.city.name }), ...body });
  return invitation;
}

export async function listInvitations(db: Executor, cityId: string) {
  const rows = await db
    .select({ invitation: invitations, inviter: users.email })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.cityId, cityId))
    .orderBy(desc(invitations.createdAt))
    .limit(500);
  const names = await agencyNamesById(db, cityId, [...new Set(rows.map((row) => row.invitation.agencyId).filter((id): id is string => !!id))]);
  return rows.map(({ invitation, inviter }) => ({
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    agencyId: invitation.agencyId,
    agencyName: invitation.agencyId ? (names.get(invitation.agencyId) ?? null) : null,
    status: statusOf(invitation),
    invitedBy: inviter,
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
  }));
}

export async function revokeInvitation(ctx: OperationContext, invitationId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.cityId, ctx.city.id), eq(invitations.id, invitationId)))
      .for("update");
    if (!invitation) throw new NotFoundError("errors.staff.invitationNotFound");
    if (invitation.status !== "pending") throw new ConflictError("errors.staff.invitationNotPending");
    await tx.update(invitations).set({ status: "revoked" }).where(eq(invitations.id, invitationId));
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "invitation.revoked",
      targetType: "invitation",
      targetId: invitationId,
      before: { status: invitation.status },
      after: { status: "revoked" },
      requestId: ctx.requestId,
    });
  });
}

async function findByToken(db: Executor, cityId: string, token: string) {
  const [invitation] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.cityId, cityId), eq(invitations.tokenHash, hashToken(token))))
    .limit(1);
  if (!invitation) throw new NotFoundError("errors.staff.invitationNotFound");
  return invitation;
}

/** What the invitation page shows before the person accepts. */
export async function previewInvitation(db: Executor, city: { id: string; slug: string; name: string }, token: string) {
  const invitation = await findByToken(db, city.id, token);
  const agency = invitation.agencyId ? await findAgency(db, city.id, invitation.agencyId) : null;
  return {
    city: { slug: city.slug, name: city.name },
    email: invitation.email,
    role: invitation.role,
    agencyName: agency?.name ?? null,
    status: statusOf(invitation),
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

export async function acceptInvitation(ctx: OperationContext, token: string) {
  const actor = ctx.actor;
  if (!actor) throw new ForbiddenError();
  return ctx.db.transaction(async (tx) => {
    const invitation = await findByToken(tx, ctx.city.id, token);
    const [locked] = await tx.select().from(invitations).where(eq(invitations.id, invitation.id)).for("update");
    if (!locked) throw new NotFoundError("errors.staff.invitationNotFound");
    const status = statusOf(locked);
    if (status !== "pending") throw new ConflictError(`errors.staff.invitation.${status}`);
    if (locked.email.toLowerCase() !== actor.email.toLowerCase()) {
      throw new ForbiddenError("errors.staff.invitationOtherEmail", { email: locked.email });
    }
    const assignment = await grantRoleIn(tx, ctx.city.id, actor, ctx.requestId, { userId: actor.userId, role: locked.role, agencyId: locked.agencyId });
    await tx.update(invitations).set({ status: "accepted", acceptedBy: actor.userId, acceptedAt: new Date() }).where(eq(invitations.id, locked.id));
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor,
      action: "invitation.accepted",
      targetType: "invitation",
      targetId: locked.id,
      before: { status: "pending" },
      after: { status: "accepted" },
      requestId: ctx.requestId,
    });
    return assignment;
  });
}

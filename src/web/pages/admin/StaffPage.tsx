import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { AgencyView } from "../../../contracts/agencies.ts";
import type { CityRoleName } from "../../../contracts/platform.ts";
import type { invitationList, staffList } from "../../../contracts/staff.ts";
import { api, cityApi } from "../../api.ts";
import { useCitySlug } from "../../components/city.ts";
import { SelectField, TextField } from "../../components/Fields.tsx";
import { formatDate } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, Form, Table, Tag } from "../../components/uswds.tsx";
import { hasRoleIn, useMe } from "../../session.ts";
import { AdminBreadcrumb } from "./AdminBreadcrumb.tsx";

const assignableRoles: CityRoleName[] = ["city_admin", "dso_staff", "agency_staff", "group_organizer", "vendor"];

type StaffList = z.infer<typeof staffList>;
type InvitationList = z.infer<typeof invitationList>;

/** Who holds which role; invite new staff by email; grant or take away roles. */
export default function StaffPage() {
  return (
    <RequireAccess roles={["city_admin", "dso_staff"]}>
      <Staff />
    </RequireAccess>
  );
}

function RoleAndAgencyFields({
  idPrefix,
  role,
  agencyId,
  onRole,
  onAgency,
  agencies,
  error,
}: {
  idPrefix: string;
  role: CityRoleName;
  agencyId: string;
  onRole: (role: CityRoleName) => void;
  onAgency: (id: string) => void;
  agencies: AgencyView[];
  error: unknown;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        id={`${idPrefix}-role`}
        name="role"
        label={t("fields.role")}
        value={role}
        onChange={(event) => onRole(event.target.value as CityRoleName)}
        error={error}
      >
        {assignableRoles.map((value) => (
          <option key={value} value={value}>
            {t(`roles.${value}`)}
          </option>
        ))}
      </SelectField>
      {role === "agency_staff" ? (
        <SelectField
          id={`${idPrefix}-agency`}
          name="agencyId"
          label={t("fields.agency")}
          value={agencyId}
          onChange={(event) => onAgency(event.target.value)}
          error={error}
          required
        >
          <option value="">{t("staff.chooseAgency")}</option>
          {agencies.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {agency.name}
            </option>
          ))}
        </SelectField>
      ) : null}
    </>
  );
}

function Staff() {
  const { t, i18n } = useTranslation();
  const city = useCitySlug();
  const me = useMe();
  const canManage = hasRoleIn(me.data, city, ["city_admin"]);
  const queryClient = useQueryClient();
  const base = cityApi(city);
  const staff = useQuery({ queryKey: ["staff", city], queryFn: () => api.get<StaffList>(`${base}/staff`) });
  const invitations = useQuery({ queryKey: ["invitations", city], queryFn: () => api.get<InvitationList>(`${base}/invitations`) });
  const agencies = useQuery({ queryKey: ["agencies", city], queryFn: () => api.get<{ agencies: AgencyView[] }>(`${base}/agencies`) });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ["staff", city] });
    await queryClient.invalidateQueries({ queryKey: ["invitations", city] });
    await queryClient.invalidateQueries({ queryKey: ["me"] });
  };

  const [inviteEmail, setInviteEmail] = useState("");
  const [inviteRole, setInviteRole] = useState<CityRoleName>("agency_staff");
  const [inviteAgency, setInviteAgency] = useState("");
  const invite = useMutation({
    mutationFn: () =>
      api.post(`${base}/invitations`, { email: inviteEmail, role: inviteRole, agencyId: inviteRole === "agency_staff" ? inviteAgency || null : null }),
    onSuccess: async () => {
      setInviteEmail("");
      await refresh();
    },
  });

  const [grantUser, setGrantUser] = useState("");
  const [grantRole, setGrantRole] = useState<CityRoleName>("dso_staff");
  const [grantAgency, setGrantAgency] = useState("");
  const grant = useMutation({
    mutationFn: () =>
      api.post(`${base}/staff/roles`, { userId: grantUser, role: grantRole, agencyId: grantRole === "agency_staff" ? grantAgency || null : null }),
    onSuccess: refresh,
  });
  const revoke = useMutation({ mutationFn: (assignmentId: string) => api.delete(`${base}/staff/roles/${assignmentId}`), onSuccess: refresh });
  const withdraw = useMutation({ mutationFn: (invitationId: string) => api.delete(`${base}/invitations/${invitationId}`), onSuccess: refresh });

  const roleLabel = (role: CityRoleName, agencyName: string | null) => (agencyName ? `${t(`roles.${role}`)} (${agencyName})` : t(`roles.${role}`));

  return (
    <>
      <AdminBreadcrumb current={t("staff.title")} />
      <PageHeading>{t("staff.title")}</PageHeading>

      {canManage ? (
        <section aria-labelledby="invite-heading">
          <h2 id="invite-heading">{t("staff.inviteHeading")}</h2>
          <p>{t("staff.inviteIntro")}</p>
          {invite.isSuccess ? (
            <Alert type="success" headingLevel="h3" slim role="status">
              {t("staff.invited")}
            </Alert>
          ) : null}
          <Form
            onSubmit={(event) => {
              event.preventDefault();
              invite.mutate();
            }}
          >
            <ProblemAlert error={invite.error} fieldLabels={{ email: t("fields.email"), agencyId: t("fields.agency"), role: t("fields.role") }} />
            <TextField
              id="invite-email"
              name="email"
              type="email"
              label={t("fields.email")}
              value={inviteEmail}
              onChange={(event) => setInviteEmail(event.target.value)}
              error={invite.error}
              required
            />
            <RoleAndAgencyFields
              idPrefix="invite"
              role={inviteRole}
              agencyId={inviteAgency}
              onRole={setInviteRole}
              onAgency={setInviteAgency}
              agencies={agencies.data?.agencies ?? []}
              error={invite.error}
            />
            <Button type="submit" disabled={invite.isPending}>
              {t("staff.sendInvitation")}
            </Button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t("staff.membersHeading")}</h2>
        {staff.isPending ? <Loading /> : null}
        <ProblemAlert error={staff.error ?? revoke.error} />
        {staff.data ? (
          <Table stacked caption={t("staff.membersCaption", { count: staff.data.members.length })}>
            <thead>
              <tr>
                <th scope="col">{t("fields.name")}</th>
                <th scope="col">{t("fields.email")}</th>
                <th scope="col">{t("staff.roles")}</th>
              </tr>
            </thead>
            <tbody>
              {staff.data.members.map((member) => (
                <tr key={member.userId}>
                  <th scope="row" data-label={t("fields.name")}>
                    {member.name}
                  </th>
                  <td data-label={t("fields.email")}>{member.email}</td>
                  <td data-label={t("staff.roles")}>
                    <ul className="usa-list usa-list--unstyled">
                      {member.roles.map((assignment) => (
                        <li key={assignment.id} className="civitas-role">
                          <Tag>{roleLabel(assignment.role, assignment.agencyName)}</Tag>
                          {canManage ? (
                            <Button
                              type="button"
                              unstyled
                              className="civitas-inline-action"
                              onClick={() => revoke.mutate(assignment.id)}
                              aria-label={t("staff.removeRoleNamed", { role: roleLabel(assignment.role, assignment.agencyName), name: member.name })}
                            >
                              {t("staff.removeRole")}
                            </Button>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : null}
      </section>

      {canManage && staff.data && staff.data.members.length > 0 ? (
        <section aria-labelledby="grant-heading">
          <h2 id="grant-heading">{t("staff.grantHeading")}</h2>
          {grant.isSuccess ? (
            <Alert type="success" headingLevel="h3" slim role="status">
              {t("staff.granted")}
            </Alert>
          ) : null}
          <Form
            onSubmit={(event) => {
              event.preventDefault();
              grant.mutate();
            }}
          >
            <ProblemAlert error={grant.error} fieldLabels={{ userId: t("staff.person"), agencyId: t("fields.agency"), role: t("fields.role") }} />
            <SelectField
              id="grant-user"
              name="userId"
              label={t("staff.person")}
              value={grantUser}
              onChange={(event) => setGrantUser(event.target.value)}
              error={grant.error}
              required
            >
              <option value="">{t("staff.choosePerson")}</option>
              {staff.data.members.map((member) => (
                <option key={member.userId} value={member.userId}>
                  {member.name} ({member.email})
                </option>
              ))}
            </SelectField>
            <RoleAndAgencyFields
              idPrefix="grant"
              role={grantRole}
              agencyId={grantAgency}
              onRole={setGrantRole}
              onAgency={setGrantAgency}
              agencies={agencies.data?.agencies ?? []}
              error={grant.error}
            />
            <Button type="submit" disabled={grant.isPending}>
              {t("staff.grant")}
            </Button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">{t("staff.invitationsHeading")}</h2>
        <ProblemAlert error={invitations.error ?? withdraw.error} />
        {invitations.data && invitations.data.invitations.length === 0 ? <p>{t("staff.noInvitations")}</p> : null}
        {invitations.data && invitations.data.invitations.length > 0 ? (
          <Table stacked caption={t("staff.invitationsCaption")}>
            <thead>
              <tr>
                <th scope="col">{t("fields.email")}</th>
                <th scope="col">{t("fields.role")}</th>
                <th scope="col">{t("staff.status")}</th>
                <th scope="col">{t("staff.expires")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.data.invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row" data-label={t("fields.email")}>
                    {invitation.email}
                  </th>
                  <td data-label={t("fields.role")}>{roleLabel(invitation.role, invitation.agencyName)}</td>
                  <td data-label={t("staff.status")}>{t(`staff.invitationStatus.${invitation.status}`)}</td>
                  <td data-label={t("staff.expires")}>{formatDate(invitation.expiresAt, i18n.language)}</td>
                  <td data-label={t("common.actions")}>
                    {canManage && invitation.status === "pending" ? (
                      <Button
                        type="button"
                        unstyled
                        onClick={() => withdraw.mutate(invitation.id)}
                        aria-label={t("staff.withdrawNamed", { email: invitation.email })}
                      >
                        {t("staff.withdraw")}
                      </Button>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : null}
      </section>
    </>
  );
}

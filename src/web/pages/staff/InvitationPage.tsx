import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import type { z } from "zod";
import type { invitationPreview } from "../../../contracts/staff.ts";
import { api, cityApi } from "../../api.ts";
import { useCitySlug } from "../../components/city.ts";
import { formatDate } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Alert, Button } from "../../components/uswds.tsx";
import { useMe } from "../../session.ts";

type Preview = z.infer<typeof invitationPreview>;

/** Where an emailed invitation leads: what is offered, and the one click to accept it. */
export default function InvitationPage() {
  const { t, i18n } = useTranslation();
  const city = useCitySlug();
  const { token = "" } = useParams();
  const location = useLocation();
  const me = useMe();
  const queryClient = useQueryClient();
  const preview = useQuery({
    queryKey: ["invitation", city, token],
    queryFn: () => api.get<Preview>(`${cityApi(city)}/invitations/by-token/${encodeURIComponent(token)}`),
    retry: false,
  });
  const accept = useMutation({
    mutationFn: () => api.post(`${cityApi(city)}/invitations/by-token/${encodeURIComponent(token)}/accept`),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
    },
  });

  if (preview.isPending || me.isPending) return <Loading />;
  if (preview.error) {
    return (
      <>
        <PageHeading>{t("invitation.title")}</PageHeading>
        <ProblemAlert error={preview.error} />
      </>
    );
  }
  const invitation = preview.data;
  const role = invitation.agencyName ? `${t(`roles.${invitation.role}`)} (${invitation.agencyName})` : t(`roles.${invitation.role}`);
  const user = me.data?.user;
  const sameEmail = user && user.email.toLowerCase() === invitation.email.toLowerCase();
  return (
    <>
      <PageHeading>{t("invitation.title")}</PageHeading>
      <p className="usa-intro">{t("invitation.offer", { city: invitation.city.name, role })}</p>
      <p>{t("invitation.addressedTo", { email: invitation.email, date: formatDate(invitation.expiresAt, i18n.language) })}</p>
      {accept.isSuccess ? (
        <Alert type="success" headingLevel="h2" heading={t("invitation.acceptedHeading")} role="status">
          <Link to={`/${city}/admin`}>{t("invitation.toAdmin")}</Link>
        </Alert>
      ) : invitation.status !== "pending" ? (
        <Alert type="warning" headingLevel="h2" heading={t(`invitation.status.${invitation.status}`)}>
          {t("invitation.askAgain")}
        </Alert>
      ) : !user ? (
        <Link className="usa-button" to={`/${city}/sign-in?next=${encodeURIComponent(location.pathname)}`}>
          {t("invitation.signInToAccept", { email: invitation.email })}
        </Link>
      ) : !sameEmail ? (
        <Alert type="warning" headingLevel="h2" heading={t("invitation.otherAccountHeading")}>
          {t("invitation.otherAccount", { current: user.email, email: invitation.email })}
        </Alert>
      ) : (
        <>
          <ProblemAlert error={accept.error} />
          <Button type="button" onClick={() => accept.mutate()} disabled={accept.isPending}>
            {t("invitation.accept")}
          </Button>
        </>
      )}
    </>
  );
}

import "./campaigns.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { UnsubscribeStatusView } from "../../../contracts/campaigns.ts";
import { ApiProblem, api } from "../../api.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Alert, Button } from "../../components/uswds.tsx";

/**
 * The page a campaign message's unsubscribe link opens. No sign-in: the link itself says who. It
 * names the city and the campaign, never the person, and one button stops the city's campaign messages.
 */
export default function UnsubscribePage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const queryClient = useQueryClient();
  const address = `/api/v1/unsubscribe/${encodeURIComponent(token)}`;
  const status = useQuery({
    queryKey: ["unsubscribe", token],
    queryFn: () => api.get<UnsubscribeStatusView>(address),
    retry: false,
  });
  const unsubscribe = useMutation({
    mutationFn: () => api.post<UnsubscribeStatusView | undefined>(address, {}),
    onSuccess: (answer) => {
      queryClient.setQueryData<UnsubscribeStatusView>(["unsubscribe", token], (current) =>
        answer && "unsubscribed" in answer ? answer : current ? { ...current, unsubscribed: true } : current,
      );
    },
  });
  // After the button, focus moves to the confirmation: the button it replaced is gone.
  const done = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (unsubscribe.isSuccess) done.current?.focus();
  }, [unsubscribe.isSuccess]);

  if (status.isPending) {
    return (
      <>
        <PageHeading>{t("unsubscribe.title")}</PageHeading>
        <Loading />
      </>
    );
  }
  if (status.error || !status.data) {
    const unknown = status.error instanceof ApiProblem && (status.error.status === 404 || status.error.status === 400);
    return (
      <>
        <PageHeading>{t("unsubscribe.title")}</PageHeading>
        {unknown ? (
          <Alert type="warning" headingLevel="h2" heading={t("unsubscribe.unknownHeading")}>
            <p>{t("unsubscribe.unknown")}</p>
          </Alert>
        ) : (
          <ProblemAlert error={status.error} />
        )}
        <p>
          <Link to="/">{t("footer.allCities")}</Link>
        </p>
      </>
    );
  }

  const info = status.data;
  const what = t(`unsubscribe.what.${info.channel}`);
  return (
    <>
      <PageHeading>{t("unsubscribe.title")}</PageHeading>
      <p className="civitas-lead">{t("unsubscribe.from", { city: info.cityName, campaign: info.campaignName })}</p>
      {info.unsubscribed ? (
        <div className="civitas-problem" tabIndex={-1} ref={done}>
          <Alert
            type="success"
            headingLevel="h2"
            heading={unsubscribe.isSuccess ? t("unsubscribe.doneHeading") : t("unsubscribe.alreadyHeading")}
            role="status"
          >
            <p>{t("unsubscribe.done", { city: info.cityName, what })}</p>
          </Alert>
        </div>
      ) : (
        <>
          <p>{t("unsubscribe.explain", { city: info.cityName, what })}</p>
          <ProblemAlert error={unsubscribe.error} />
          <Button type="button" onClick={() => unsubscribe.mutate()} disabled={unsubscribe.isPending}>
            {t("unsubscribe.button")}
          </Button>
        </>
      )}
      <p className="civitas-space-above">
        {t("unsubscribe.profileNote", { city: info.cityName })} <Link to={`/${info.citySlug}/volunteer`}>{t("unsubscribe.profileLink")}</Link>
      </p>
    </>
  );
}

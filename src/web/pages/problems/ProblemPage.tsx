import "./problems.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import type { ProblemStatus, ProblemView } from "../../../contracts/problems.ts";
import { ApiProblem, api } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { TextAreaField } from "../../components/Fields.tsx";
import { formatDate } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { formatMoney } from "../../components/money.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Alert, Button, Form } from "../../components/uswds.tsx";
import { hasRoleIn, useMe } from "../../session.ts";
import { Fieldset, messageWithin, Radio, useFocusOnChange, useLocale } from "../opportunities/parts.tsx";
import NotFoundPage from "../platform/NotFoundPage.tsx";
import { bountyRoles, nextStatuses, ProblemStatusTag, problemsApi, readyForBounty, triageRoles } from "./parts.tsx";

/**
 * One problem as the public sees it, with one support per person; DSO staff and city admins also
 * triage it here, and once it is accepted, draft a bounty from it.
 */

const supportable: ReadonlySet<ProblemStatus> = new Set(["new", "accepted", "in_progress"]);

export default function ProblemPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const { problemId = "" } = useParams();
  const city = useCity(slug);
  const me = useMe();
  const locale = useLocale();
  const location = useLocation();
  const signedIn = !!me.data?.user;
  const problem = useQuery({
    queryKey: ["problem", slug, problemId],
    queryFn: () => api.get<ProblemView>(`${problemsApi(slug)}/${encodeURIComponent(problemId)}`),
    enabled: city.isSuccess,
  });

  if (city.isPending || problem.isPending) return city.error ? <NotFoundPage /> : <Loading />;
  if (problem.error instanceof ApiProblem && (problem.error.status === 404 || problem.error.status === 400)) return <NotFoundPage />;
  if (problem.error || !city.data) {
    return (
      <>
        <PageHeading>{t("problems.detail.unavailable")}</PageHeading>
        <ProblemAlert error={problem.error} />
      </>
    );
  }
  const item = problem.data;
  const timeZone = city.data.timeZone;
  const created = (location.state as { created?: boolean } | null)?.created;
  const triager = hasRoleIn(me.data, slug, triageRoles);
  const bountyMaker = hasRoleIn(me.data, slug, bountyRoles);

  return (
    <>
      <p className="civitas-back-link">
        <Link to={`/${slug}/problems`}>{t("problems.backToBoard")}</Link>
      </p>
      <PageHeading>{item.title}</PageHeading>
      {created ? (
        <Alert type="success" headingLevel="h2" slim role="status">
          {item.origin === "agency" ? t("problems.detail.reported") : t("problems.detail.proposed")}
        </Alert>
      ) : null}
      <p className="civitas-problem-card__meta">
        <ProblemStatusTag status={item.status} />
        <span>{item.agency ? item.agency.name : t("problems.residentProposal")}</span>
      </p>
      {item.status === "declined" && item.declineReason ? (
        <Alert type="info" headingLevel="h2" heading={t("problems.detail.declinedHeading")}>
          <p className="civitas-description">{item.declineReason}</p>
        </Alert>
      ) : null}
      <div className="civitas-description">{item.description}</div>

      <dl className="civitas-facts civitas-problem-facts">
        <dt>{t("problems.fields.affected")}</dt>
        <dd>{item.affected || t("problems.detail.notSaid")}</dd>
        <dt>{t("problems.fields.frequency")}</dt>
        <dd>{item.frequency || t("problems.detail.notSaid")}</dd>
        <dt>{t("problems.detail.cost")}</dt>
        <dd>{item.costEstimate ? formatMoney(item.costEstimate.amountMinor, item.costEstimate.currency, locale) : t("problems.detail.notEstimated")}</dd>
        <dt>{t("problems.fields.processLink")}</dt>
        <dd>
          {item.processLink ? (
            <a href={item.processLink} rel="noopener noreferrer">
              {item.processLink}
            </a>
          ) : (
            t("problems.detail.noProcessLink")
          )}
        </dd>
        <dt>{t("problems.detail.reportedOn")}</dt>
        <dd>{formatDate(item.createdAt, locale, timeZone)}</dd>
        {item.triagedAt ? (
          <>
            <dt>{t("problems.detail.triagedOn")}</dt>
            <dd>{formatDate(item.triagedAt, locale, timeZone)}</dd>
          </>
        ) : null}
      </dl>

      <SupportSection item={item} signedIn={signedIn} mineReady={!me.isPending} />

      {bountyMaker && readyForBounty.has(item.status) ? (
        <section className="civitas-problem-section" aria-labelledby="problem-bounty">
          <h2 id="problem-bounty">{t("problems.bounty.heading")}</h2>
          <p>{t("problems.bounty.intro")}</p>
          <Link className="usa-button usa-button--outline" to={`/${slug}/admin/bounties/new?problemId=${encodeURIComponent(item.id)}`}>
            {t("problems.bounty.make")}
          </Link>
        </section>
      ) : null}

      {triager ? <TriageSection item={item} /> : null}
    </>
  );
}

function SupportSection({ item, signedIn, mineReady }: { item: ProblemView; signedIn: boolean; mineReady: boolean }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const location = useLocation();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (support: boolean) =>
      support
        ? api.post<{ supportCount: number; supportedByMe: boolean }>(`${problemsApi(slug)}/${item.id}/support`)
        : api.delete<{ supportCount: number; supportedByMe: boolean }>(`${problemsApi(slug)}/${item.id}/support`),
    onSuccess: async (result) => {
      queryClient.setQueryData<ProblemView>(["problem", slug, item.id], (current) => (current ? { ...current, ...result } : current));
      await queryClient.invalidateQueries({ queryKey: ["problemBoard", slug] });
    },
  });
  const open = supportable.has(item.status);
  // After a tap the button changes: focus stays on the button in its place.
  useFocusOnChange(item.supportedByMe, change.isSuccess ? "problem-support-button" : null);

  return (
    <section className="civitas-problem-section" aria-labelledby="problem-support">
      <h2 id="problem-support">{t("problems.support.heading")}</h2>
      <p role="status" className="civitas-result-count">
        {t("problems.support.count", { count: item.supportCount })}
        {item.supportedByMe ? ` ${t("problems.support.mine")}` : ""}
      </p>
      <p>{t("problems.support.intro")}</p>
      {!open ? (
        <p>{t("problems.support.closed")}</p>
      ) : !signedIn ? (
        <p>
          <Link to={`/${slug}/sign-in?next=${encodeURIComponent(location.pathname)}`}>{t("problems.support.signIn")}</Link>
        </p>
      ) : (
        <Button
          id="problem-support-button"
          type="button"
          outline={item.supportedByMe}
          disabled={change.isPending || !mineReady}
          onClick={() => change.mutate(!item.supportedByMe)}
        >
          {item.supportedByMe ? t("problems.support.withdraw") : t("problems.support.support")}
        </Button>
      )}
      <ProblemAlert error={change.error} />
    </section>
  );
}

function TriageSection({ item }: { item: ProblemView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const queryClient = useQueryClient();
  const moves = nextStatuses[item.status];
  const [choice, setChoice] = useState<string>("");
  // After a move the choices change; the first of the new ones is chosen until the person picks.
  const status = moves.find((move) => move === choice) ?? moves[0] ?? "";
  const [reason, setReason] = useState("");
  const [saved, setSaved] = useState<ProblemStatus | null>(null);
  const triage = useMutation({
    mutationFn: () => api.post<ProblemView>(`${problemsApi(slug)}/${item.id}/triage`, { status, ...(status === "declined" ? { reason } : {}) }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(["problem", slug, item.id], updated);
      setSaved(updated.status);
      setReason("");
      await queryClient.invalidateQueries({ queryKey: ["problemBoard", slug] });
    },
  });

  return (
    <section className="civitas-problem-section" aria-labelledby="problem-triage">
      <h2 id="problem-triage">{t("problems.triage.heading")}</h2>
      {saved ? (
        <Alert type="success" headingLevel="h3" slim role="status">
          {t("problems.triage.saved", { status: t(`problems.status.${saved}`) })}
        </Alert>
      ) : null}
      {moves.length === 0 ? (
        <p>{t("problems.triage.finished")}</p>
      ) : (
        <Form
          onSubmit={(event) => {
            event.preventDefault();
            triage.mutate();
          }}
        >
          <p>{t("problems.triage.intro")}</p>
          <ProblemAlert error={triage.error} fieldLabels={{ status: t("problems.triage.move"), reason: t("problems.triage.reason") }} />
          <Fieldset id="problem-triage-status" legend={t("problems.triage.move")} message={messageWithin(triage.error, "status")}>
            {moves.map((move) => (
              <Radio
                key={move}
                id={`problem-triage-${move}`}
                name="status"
                label={t(`problems.triage.to.${move}`)}
                checked={status === move}
                onChange={() => setChoice(move)}
              />
            ))}
          </Fieldset>
          {status === "declined" ? (
            <TextAreaField
              id="problem-triage-reason"
              name="reason"
              label={t("problems.triage.reason")}
              hint={t("problems.triage.reasonHint")}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              error={triage.error}
              required
              maxLength={2000}
              rows={3}
            />
          ) : null}
          <Button type="submit" disabled={triage.isPending}>
            {t("problems.triage.submit")}
          </Button>
        </Form>
      )}
    </section>
  );
}

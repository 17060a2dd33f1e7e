import "../catalog/catalog.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { FollowingStatus, FollowingView, federationOverview } from "../../../contracts/federation.ts";
import { api } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { TextField } from "../../components/Fields.tsx";
import { formatDateTime } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Button, Form, Table, Tag } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { catalogEditorRoles, federationApi } from "../catalog/parts.tsx";

/**
 * The city's place among other Civitas cities: its own account (handle and actor address) for others
 * to follow, the cities it follows and how each request stands, who follows it, and whether what it
 * published has reached them all.
 */

type FederationOverview = z.infer<typeof federationOverview>;

export default function FederationPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  return (
    <RequireAccess roles={catalogEditorRoles}>
      <AdminBreadcrumb trail={[{ to: `/${slug}/catalog`, label: t("catalog.list.title") }]} current={t("federation.title")} />
      <PageHeading>{t("federation.title")}</PageHeading>
      <p className="usa-intro">{t("federation.intro")}</p>
      <Overview />
    </RequireAccess>
  );
}

function Overview() {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const overview = useQuery({
    queryKey: ["federation", slug],
    queryFn: () => api.get<FederationOverview>(federationApi(slug)),
  });
  if (overview.isPending) return <Loading />;
  if (overview.error || !overview.data) return <ProblemAlert error={overview.error} />;
  const data = overview.data;
  const at = (iso: string) => formatDateTime(iso, i18n.language || "en", city.data?.timeZone);
  const number = new Intl.NumberFormat(i18n.language || "en");

  return (
    <>
      <section className="civitas-catalog-section" aria-labelledby="federation-account">
        <h2 id="federation-account">{t("federation.account.heading")}</h2>
        <p>{t("federation.account.intro")}</p>
        <CopyField id="federation-handle" label={t("federation.account.handle")} value={`@${data.handle.replace(/^@/, "")}`} />
        <CopyField id="federation-actor" label={t("federation.account.actorUrl")} value={data.actorUrl} />
      </section>

      <section className="civitas-catalog-section" aria-labelledby="federation-deliveries">
        <h2 id="federation-deliveries">{t("federation.deliveries.heading")}</h2>
        <dl className="civitas-facts">
          <dt>{t("federation.deliveries.pending")}</dt>
          <dd>{data.pendingDeliveries > 0 ? t("federation.deliveries.pendingCount", { count: data.pendingDeliveries }) : t("federation.deliveries.none")}</dd>
          <dt>{t("federation.deliveries.lastPublished")}</dt>
          <dd>{data.lastPublishedAt ? at(data.lastPublishedAt) : t("federation.deliveries.neverPublished")}</dd>
        </dl>
      </section>

      <FollowForm />

      <section className="civitas-catalog-section" aria-labelledby="federation-following">
        <h2 id="federation-following">{t("federation.following.heading")}</h2>
        {data.following.length === 0 ? (
          <p>{t("federation.following.none")}</p>
        ) : (
          <Table stacked caption={t("federation.following.caption")}>
            <thead>
              <tr>
                <th scope="col">{t("federation.following.city")}</th>
                <th scope="col">{t("federation.following.status")}</th>
                <th scope="col">{t("federation.following.entries")}</th>
                <th scope="col">{t("federation.following.lastReceived")}</th>
                <th scope="col">
                  <span className="usa-sr-only">{t("common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.following.map((following) => (
                <FollowingRow key={following.id} following={following} at={at} number={(value) => number.format(value)} />
              ))}
            </tbody>
          </Table>
        )}
      </section>

      <section className="civitas-catalog-section" aria-labelledby="federation-followers">
        <h2 id="federation-followers">{t("federation.followers.heading")}</h2>
        {data.followers.length === 0 ? (
          <p>{t("federation.followers.none")}</p>
        ) : (
          <ul className="usa-list">
            {data.followers.map((follower) => (
              <li key={follower.actorUrl}>
                <span translate="no">{follower.name}</span>
                {follower.handle ? (
                  <>
                    {" "}
                    <span translate="no" className="civitas-break">
                      ({follower.handle})
                    </span>
                  </>
                ) : null}{" "}
                · {t("federation.followers.since", { when: at(follower.followedAt) })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** A value to hand to another city's staff: selectable text and a button that copies it. */
function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  return (
    <div className="usa-form-group civitas-copy-field">
      <label className="usa-label" htmlFor={id}>
        {label}
      </label>
      <div className="civitas-copy-field__row">
        <input id={id} className="usa-input" type="text" readOnly value={value} translate="no" onFocus={(event) => event.target.select()} />
        <Button
          type="button"
          outline
          aria-describedby={id}
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value);
              setCopied("yes");
            } catch {
              setCopied("no");
            }
          }}
        >
          {t("federation.account.copy")}
        </Button>
      </div>
      <p role="status" className="civitas-catalog-file-note">
        {copied === "yes" ? t("federation.account.copied", { label }) : copied === "no" ? t("federation.account.copyFailed") : ""}
      </p>
    </div>
  );
}

function FollowForm() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const queryClient = useQueryClient();
  const [account, setAccount] = useState("");
  const follow = useMutation({
    mutationFn: () => api.post<FollowingView>(`${federationApi(slug)}/following`, { account }),
    onSuccess: async () => {
      setAccount("");
      await queryClient.invalidateQueries({ queryKey: ["federation", slug] });
    },
  });
  return (
    <section className="civitas-catalog-section" aria-labelledby="federation-follow">
      <h2 id="federation-follow">{t("federation.follow.heading")}</h2>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          follow.mutate();
        }}
      >
        <ProblemAlert error={follow.error} fieldLabels={{ account: t("federation.follow.account") }} />
        {follow.isSuccess ? (
          <p role="status" className="civitas-catalog-file-note">
            {t("federation.follow.requested", { name: follow.data.name })}
          </p>
        ) : null}
        <TextField
          id="federation-account-input"
          name="account"
          label={t("federation.follow.account")}
          hint={t("federation.follow.accountHint")}
          value={account}
          onChange={(event) => {
            setAccount(event.target.value);
            if (follow.isSuccess) follow.reset();
          }}
          error={follow.error}
          required
          minLength={3}
          maxLength={500}
          autoComplete="off"
          spellCheck={false}
        />
        <Button type="submit" disabled={follow.isPending}>
          {t("federation.follow.submit")}
        </Button>
      </Form>
    </section>
  );
}

const statusTone: Record<FollowingStatus, string> = { pending: "waitlist", accepted: "open", rejected: "full" };

function FollowingRow({ following, at, number }: { following: FollowingView; at: (iso: string) => string; number: (value: number) => string }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const queryClient = useQueryClient();
  const unfollow = useMutation({
    mutationFn: () => api.delete(`${federationApi(slug)}/following/${following.id}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["federation", slug] });
      await queryClient.invalidateQueries({ queryKey: ["catalog", slug] });
    },
  });
  return (
    <tr>
      <th scope="row" data-label={t("federation.following.city")} className="civitas-break">
        <span translate="no">{following.name}</span>
        <span className="civitas-catalog-handle" translate="no">
          {following.handle ?? following.actorUrl}
        </span>
      </th>
      <td data-label={t("federation.following.status")}>
        <Tag className={`civitas-tag civitas-tag--${statusTone[following.status]}`}>{t(`federation.status.${following.status}`)}</Tag>
      </td>
      <td data-label={t("federation.following.entries")}>{number(following.entries)}</td>
      <td data-label={t("federation.following.lastReceived")}>
        {following.lastReceivedAt ? at(following.lastReceivedAt) : t("federation.following.nothingYet")}
      </td>
      <td data-label={t("common.actions")}>
        <ProblemAlert error={unfollow.error} />
        <Button
          type="button"
          outline
          onClick={() => unfollow.mutate()}
          disabled={unfollow.isPending}
          aria-label={t("federation.following.unfollowName", { name: following.name })}
        >
          {t("federation.following.unfollow")}
        </Button>
      </td>
    </tr>
  );
}

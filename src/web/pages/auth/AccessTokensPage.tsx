import "./access-tokens.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type AccessTokenView, accessTokenLifetimes, type CreateAccessTokenRequest, type CreatedAccessTokenView } from "../../../contracts/access-tokens.ts";
import { api } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { SelectField, TextField } from "../../components/Fields.tsx";
import { formatDateTime } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, Form, Table, Tag } from "../../components/uswds.tsx";

const tokensApi = "/api/v1/me/access-tokens";

/** The signed-in person's personal access tokens, for programs that bid for them: make, copy once, revoke. */
export default function AccessTokensPage() {
  return (
    <RequireAccess>
      <AccessTokens />
    </RequireAccess>
  );
}

function AccessTokens() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const [created, setCreated] = useState<CreatedAccessTokenView | null>(null);
  return (
    <>
      <nav aria-label={t("admin.breadcrumb")} className="usa-breadcrumb">
        <ol className="usa-breadcrumb__list">
          <li className="usa-breadcrumb__list-item">
            <Link className="usa-breadcrumb__link" to={`/${slug}/account`}>
              {t("account.title")}
            </Link>
          </li>
          <li className="usa-breadcrumb__list-item usa-current" aria-current="page">
            {t("tokens.title")}
          </li>
        </ol>
      </nav>
      <PageHeading>{t("tokens.title")}</PageHeading>
      <p className="usa-intro">{t("tokens.intro")}</p>
      <p>{t("tokens.usage")}</p>
      {created ? <NewToken token={created} onDone={() => setCreated(null)} /> : <CreateToken onCreated={setCreated} />}
      <TokenList />
    </>
  );
}

function CreateToken({ onCreated }: { onCreated: (token: CreatedAccessTokenView) => void }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [lifetime, setLifetime] = useState("90");
  const create = useMutation({
    mutationFn: () =>
      api.post<CreatedAccessTokenView>(tokensApi, { name, city: slug, scopes: ["bids"], expiresInDays: Number(lifetime) } satisfies CreateAccessTokenRequest),
    onSuccess: async (token) => {
      setName("");
      onCreated(token);
      await queryClient.invalidateQueries({ queryKey: ["access-tokens"] });
    },
  });
  return (
    <section aria-labelledby="token-create-heading">
      <h2 id="token-create-heading">{t("tokens.createHeading")}</h2>
      <p>{t("tokens.createIntro", { city: city.data?.name ?? slug })}</p>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <ProblemAlert error={create.error} />
        <TextField
          id="token-name"
          name="name"
          label={t("tokens.name")}
          hint={t("tokens.nameHint")}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={create.error}
          autoComplete="off"
          maxLength={100}
          required
        />
        <SelectField
          id="token-lifetime"
          name="expiresInDays"
          label={t("tokens.lifetime")}
          value={lifetime}
          onChange={(event) => setLifetime(event.target.value)}
          error={create.error}
        >
          {accessTokenLifetimes.map((days) => (
            <option key={days} value={String(days)}>
              {t("tokens.days", { count: days })}
            </option>
          ))}
        </SelectField>
        <Button type="submit" disabled={create.isPending}>
          {t("tokens.create")}
        </Button>
      </Form>
    </section>
  );
}

/** The new token's secret, shown this once, ready to copy. */
function NewToken({ token, onDone }: { token: CreatedAccessTokenView; onDone: () => void }) {
  const { t } = useTranslation();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    field.current?.select();
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied(true);
    } catch {
      // Without clipboard access the text stays selected for the reader to copy.
      setCopied(false);
    }
  };
  return (
    <section aria-labelledby="token-new-heading" className="civitas-space-above">
      <Alert type="warning" headingLevel="h2" heading={<span id="token-new-heading">{t("tokens.createdHeading", { name: token.name })}</span>}>
        <p>{t("tokens.createdWarning")}</p>
      </Alert>
      <div className="usa-form-group">
        <label className="usa-label" htmlFor="token-secret">
          {t("tokens.secretLabel")}
        </label>
        <input
          ref={field}
          id="token-secret"
          className="usa-input civitas-token-secret"
          readOnly
          value={token.token}
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      <div className="usa-button-group civitas-space-above">
        <Button type="button" onClick={copy}>
          {t("tokens.copy")}
        </Button>
        <Button type="button" outline onClick={onDone}>
          {t("tokens.done")}
        </Button>
      </div>
      <p role="status" className="civitas-space-above">
        {copied ? t("tokens.copied") : ""}
      </p>
    </section>
  );
}

function TokenList() {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const queryClient = useQueryClient();
  const [revokedName, setRevokedName] = useState<string | null>(null);
  const list = useQuery({ queryKey: ["access-tokens"], queryFn: () => api.get<{ tokens: AccessTokenView[] }>(tokensApi) });
  const revoke = useMutation({
    mutationFn: (token: AccessTokenView) => api.delete<AccessTokenView>(`${tokensApi}/${token.id}`),
    onSuccess: async (token) => {
      setRevokedName(token.name);
      await queryClient.invalidateQueries({ queryKey: ["access-tokens"] });
    },
  });
  const when = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language, city.data?.timeZone) : t("tokens.never"));
  const tokens = list.data?.tokens ?? [];
  return (
    <section aria-labelledby="token-list-heading" className="civitas-space-above">
      <h2 id="token-list-heading">{t("tokens.listHeading")}</h2>
      <ProblemAlert error={list.error ?? revoke.error} />
      {revokedName ? (
        <Alert type="success" headingLevel="h3" slim role="status">
          {t("tokens.revokedNotice", { name: revokedName })}
        </Alert>
      ) : null}
      {list.isPending ? <Loading /> : null}
      {list.data && tokens.length === 0 ? <p>{t("tokens.none")}</p> : null}
      {tokens.length > 0 ? (
        <Table stacked caption={t("tokens.caption", { count: tokens.length })}>
          <thead>
            <tr>
              <th scope="col">{t("tokens.name")}</th>
              <th scope="col">{t("tokens.city")}</th>
              <th scope="col">{t("tokens.scopes")}</th>
              <th scope="col">{t("tokens.status")}</th>
              <th scope="col">{t("tokens.lastUsed")}</th>
              <th scope="col">{t("tokens.expires")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <th scope="row" data-label={t("tokens.name")} className="civitas-break">
                  {token.name}
                </th>
                <td data-label={t("tokens.city")}>{token.city?.name ?? t("tokens.anyCity")}</td>
                <td data-label={t("tokens.scopes")}>{token.scopes.map((scope) => t(`tokens.scope.${scope}`, { defaultValue: scope })).join(", ")}</td>
                <td data-label={t("tokens.status")}>
                  <Tag className={`civitas-tag civitas-tag--${token.status === "active" ? "open" : "muted"}`}>{t(`tokens.states.${token.status}`)}</Tag>
                </td>
                <td data-label={t("tokens.lastUsed")}>{when(token.lastUsedAt)}</td>
                <td data-label={t("tokens.expires")}>{token.revokedAt ? t("tokens.revokedAt", { when: when(token.revokedAt) }) : when(token.expiresAt)}</td>
                <td data-label={t("common.actions")}>
                  {token.status === "active" ? (
                    <Button
                      type="button"
                      secondary
                      aria-label={t("tokens.revokeNamed", { name: token.name })}
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(token)}
                    >
                      {t("tokens.revoke")}
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
  );
}

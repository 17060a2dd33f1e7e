import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { Me } from "../../../contracts/platform.ts";
import { api } from "../../api.ts";
import { useCitySlug } from "../../components/city.ts";
import { SelectField, TextField } from "../../components/Fields.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, Form } from "../../components/uswds.tsx";
import { availableLanguages, changeLanguage, languageName } from "../../i18n/index.ts";
import { useMe, useSignOut } from "../../session.ts";

/** The signed-in person's own page: name, language, roles in each city, sign out. */
export default function AccountPage() {
  return (
    <RequireAccess>
      <Account />
    </RequireAccess>
  );
}

function Account() {
  const { t } = useTranslation();
  const city = useCitySlug();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  const user = me.data?.user;
  const [name, setName] = useState(user?.name ?? "");
  const [locale, setLocale] = useState(user?.locale ?? "");
  useEffect(() => {
    setName(user?.name ?? "");
    setLocale(user?.locale ?? "");
  }, [user?.name, user?.locale]);

  const save = useMutation({
    mutationFn: () => api.patch<Me>("/api/v1/me", { name, locale: locale || null }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(["me"], updated);
      if (updated.user?.locale) await changeLanguage(updated.user.locale);
    },
  });
  if (!user) return null;
  return (
    <>
      <PageHeading>{t("account.title")}</PageHeading>
      <p>{t("account.signedInAs", { email: user.email })}</p>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <ProblemAlert error={save.error} />
        {save.isSuccess ? (
          <Alert type="success" headingLevel="h2" slim role="status">
            {t("account.saved")}
          </Alert>
        ) : null}
        <TextField
          id="account-name"
          name="name"
          autoComplete="name"
          label={t("fields.name")}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={save.error}
          required
        />
        <SelectField
          id="account-locale"
          name="locale"
          label={t("account.language")}
          value={locale}
          onChange={(event) => setLocale(event.target.value)}
          error={save.error}
        >
          <option value="">{t("account.languageAutomatic")}</option>
          {availableLanguages.map((code) => (
            <option key={code} value={code} lang={code}>
              {languageName(code)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" disabled={save.isPending}>
          {t("common.save")}
        </Button>
      </Form>

      <h2>{t("account.rolesHeading")}</h2>
      {me.data?.memberships.length ? (
        <ul className="usa-list">
          {me.data.memberships.map((membership) => (
            <li key={membership.city.slug}>
              <Link to={`/${membership.city.slug}`}>{membership.city.name}</Link>:{" "}
              {membership.roles.map((grant) => (grant.agencyName ? `${t(`roles.${grant.role}`)} (${grant.agencyName})` : t(`roles.${grant.role}`))).join(", ")}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("account.noRoles")}</p>
      )}

      <h2>{t("volunteers.account.heading")}</h2>
      <p>
        <Link to={`/${city}/volunteer`}>{t("volunteers.account.link")}</Link>
      </p>

      <h2>{t("tokens.accountHeading")}</h2>
      <p>{t("tokens.accountIntro")}</p>
      <p>
        <Link to={`/${city}/account/tokens`}>{t("tokens.accountLink")}</Link>
      </p>

      <h2>{t("account.dataHeading")}</h2>
      <p>{t("account.dataIntro")}</p>
      <a className="usa-button usa-button--outline" href="/api/v1/me/data" download>
        {t("account.download")}
      </a>

      <h2>{t("account.signOutHeading")}</h2>
      <Button
        type="button"
        secondary
        onClick={async () => {
          await signOut();
          navigate(`/${city}`);
        }}
      >
        {t("account.signOut")}
      </Button>

      <DeleteAccount />
    </>
  );
}

/** Deleting the account, behind an explicit confirmation. */
function DeleteAccount() {
  const { t } = useTranslation();
  const city = useCitySlug();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirmed, setConfirmed] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.delete("/api/v1/me", { confirm: confirmed }),
    onSuccess: async () => {
      queryClient.clear();
      navigate(`/${city}?account=deleted`);
    },
  });
  return (
    <section aria-labelledby="delete-account-heading">
      <h2 id="delete-account-heading">{t("account.deleteHeading")}</h2>
      <p>{t("account.deleteExplanation")}</p>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          remove.mutate();
        }}
      >
        <ProblemAlert error={remove.error} />
        <div className="usa-checkbox">
          <input
            className="usa-checkbox__input"
            id="delete-confirm"
            type="checkbox"
            checked={confirmed}
            onChange={(event) => setConfirmed(event.target.checked)}
          />
          <label className="usa-checkbox__label" htmlFor="delete-confirm">
            {t("account.deleteConfirm")}
          </label>
        </div>
        <Button type="submit" secondary disabled={!confirmed || remove.isPending}>
          {t("account.delete")}
        </Button>
      </Form>
    </section>
  );
}

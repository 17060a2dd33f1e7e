import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api } from "../../api.ts";
import { useCitySlug } from "../../components/city.ts";
import { TextField } from "../../components/Fields.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Alert, Button, Form } from "../../components/uswds.tsx";
import { useSettings } from "../../session.ts";
import { safeNextPath } from "./next-path.ts";

/** Sign in by emailed link (no password), by password, or by the city's single sign-on. */
export default function SignInPage() {
  const { t } = useTranslation();
  const city = useCitySlug();
  const settings = useSettings();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get("next"), `/${city}`);
  const [linkEmail, setLinkEmail] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  const magicLink = useMutation({
    mutationFn: () => api.post("/api/auth/sign-in/magic-link", { email: linkEmail, callbackURL: next, errorCallbackURL: `/${city}/sign-in?link=expired` }),
  });
  const passwordSignIn = useMutation({
    mutationFn: () => api.post("/api/auth/sign-in/email", { email, password }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["me"] });
      navigate(next);
    },
  });
  const singleSignOn = useMutation({
    mutationFn: () =>
      api.post<{ url: string }>("/api/auth/sign-in/social", {
        provider: settings.data?.singleSignOn?.providerId,
        callbackURL: next,
        errorCallbackURL: `/${city}/sign-in`,
      }),
    onSuccess: (result) => {
      window.location.assign(result.url);
    },
  });

  return (
    <>
      <PageHeading>{t("signIn.title")}</PageHeading>
      {searchParams.get("link") === "expired" ? (
        <Alert type="warning" headingLevel="h2" heading={t("signIn.linkExpiredHeading")}>
          {t("signIn.linkExpired")}
        </Alert>
      ) : null}
      <div className="grid-row grid-gap-lg">
        <section className="tablet:grid-col-6" aria-labelledby="magic-link-heading">
          <h2 id="magic-link-heading">{t("signIn.linkHeading")}</h2>
          <p>{t("signIn.linkIntro")}</p>
          {magicLink.isSuccess ? (
            <Alert type="success" headingLevel="h3" heading={t("signIn.linkSentHeading")} role="status">
              {t("signIn.linkSent", { email: linkEmail })}
              {settings.data?.mailTransport === "outbox" ? <span className="civitas-block-note">{t("signIn.outboxHint")}</span> : null}
            </Alert>
          ) : (
            <Form
              onSubmit={(event) => {
                event.preventDefault();
                magicLink.mutate();
              }}
            >
              <ProblemAlert error={magicLink.error} />
              <TextField
                id="link-email"
                name="email"
                type="email"
                autoComplete="email"
                label={t("fields.email")}
                value={linkEmail}
                onChange={(event) => setLinkEmail(event.target.value)}
                error={magicLink.error}
                required
              />
              <Button type="submit" disabled={magicLink.isPending}>
                {t("signIn.sendLink")}
              </Button>
            </Form>
          )}
        </section>
        <section className="tablet:grid-col-6" aria-labelledby="password-heading">
          <h2 id="password-heading">{t("signIn.passwordHeading")}</h2>
          <Form
            onSubmit={(event) => {
              event.preventDefault();
              passwordSignIn.mutate();
            }}
          >
            <ProblemAlert error={passwordSignIn.error} />
            <TextField
              id="password-email"
              name="email"
              type="email"
              autoComplete="username"
              label={t("fields.email")}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              error={passwordSignIn.error}
              required
            />
            <TextField
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              label={t("fields.password")}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              error={passwordSignIn.error}
              required
            />
            <Button type="submit" disabled={passwordSignIn.isPending}>
              {t("signIn.submit")}
            </Button>
          </Form>
          {settings.data?.singleSignOn ? (
            <>
              <h2>{t("signIn.staffHeading")}</h2>
              <ProblemAlert error={singleSignOn.error} />
              <Button type="button" outline onClick={() => singleSignOn.mutate()} disabled={singleSignOn.isPending}>
                {t("signIn.singleSignOn", { name: settings.data.singleSignOn.name })}
              </Button>
            </>
          ) : null}
        </section>
      </div>
      <p className="civitas-space-above">
        {t("signIn.noAccount")}{" "}
        <Link to={`/${city}/sign-up${searchParams.get("next") ? `?next=${encodeURIComponent(next)}` : ""}`}>{t("signIn.createAccount")}</Link>
      </p>
    </>
  );
}

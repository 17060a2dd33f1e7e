import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api } from "../../api.ts";
import { useCitySlug } from "../../components/city.ts";
import { TextField } from "../../components/Fields.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Button, Form } from "../../components/uswds.tsx";
import { safeNextPath } from "./next-path.ts";

/** Create an account with a password. Residents who prefer no password use the emailed link instead. */
export default function SignUpPage() {
  const { t, i18n } = useTranslation();
  const city = useCitySlug();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get("next"), `/${city}`);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const signUp = useMutation({
    mutationFn: () => api.post("/api/auth/sign-up/email", { name, email, password, locale: i18n.language }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["me"] });
      navigate(next);
    },
  });
  return (
    <>
      <PageHeading>{t("signUp.title")}</PageHeading>
      <p className="usa-intro">{t("signUp.intro")}</p>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          signUp.mutate();
        }}
      >
        <ProblemAlert error={signUp.error} />
        <TextField
          id="name"
          name="name"
          autoComplete="name"
          label={t("fields.name")}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={signUp.error}
          required
        />
        <TextField
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          label={t("fields.email")}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={signUp.error}
          required
        />
        <TextField
          id="new-password"
          name="password"
          type="password"
          autoComplete="new-password"
          label={t("fields.password")}
          hint={t("signUp.passwordHint")}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={signUp.error}
          required
          minLength={12}
        />
        <Button type="submit" disabled={signUp.isPending}>
          {t("signUp.submit")}
        </Button>
      </Form>
      <p className="civitas-space-above">
        {t("signUp.noPassword")} <Link to={`/${city}/sign-in`}>{t("signUp.useLink")}</Link>
      </p>
    </>
  );
}

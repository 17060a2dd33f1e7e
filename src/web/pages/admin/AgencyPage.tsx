import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import type { AgencyView } from "../../../contracts/agencies.ts";
import { api, cityApi } from "../../api.ts";
import { useCitySlug } from "../../components/city.ts";
import { TextAreaField, TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, ButtonGroup, Form } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "./AdminBreadcrumb.tsx";

/** Change one agency, or remove it when nobody works for it any more. */
export default function AgencyPage() {
  const { t } = useTranslation();
  const city = useCitySlug();
  const { agencyId = "" } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const agency = useQuery({ queryKey: ["agency", city, agencyId], queryFn: () => api.get<AgencyView>(`${cityApi(city)}/agencies/${agencyId}`), retry: false });
  const [form, setForm] = useState({ name: "", slug: "", description: "", contactEmail: "" });
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  useEffect(() => {
    if (agency.data)
      setForm({ name: agency.data.name, slug: agency.data.slug, description: agency.data.description, contactEmail: agency.data.contactEmail ?? "" });
  }, [agency.data]);

  const save = useMutation({
    mutationFn: () => api.patch<AgencyView>(`${cityApi(city)}/agencies/${agencyId}`, { ...form, contactEmail: form.contactEmail || null }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(["agency", city, agencyId], updated);
      await queryClient.invalidateQueries({ queryKey: ["agencies", city] });
    },
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`${cityApi(city)}/agencies/${agencyId}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["agencies", city] });
      navigate(`/${city}/admin/agencies`);
    },
  });
  const update = (key: keyof typeof form) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  return (
    <RequireAccess roles={["city_admin"]}>
      <AdminBreadcrumb trail={[{ to: `/${city}/admin/agencies`, label: t("agencies.title") }]} current={agency.data?.name ?? t("agencies.title")} />
      {agency.isPending ? <Loading /> : null}
      {agency.error ? (
        <>
          <PageHeading>{t("agencies.title")}</PageHeading>
          <ProblemAlert error={agency.error} />
        </>
      ) : null}
      {agency.data ? (
        <>
          <PageHeading>{agency.data.name}</PageHeading>
          {save.isSuccess ? (
            <Alert type="success" headingLevel="h2" slim role="status">
              {t("common.savedChanges")}
            </Alert>
          ) : null}
          <Form
            onSubmit={(event) => {
              event.preventDefault();
              save.mutate();
            }}
          >
            <ProblemAlert error={save.error} />
            <TextField id="agency-name" name="name" label={t("fields.name")} value={form.name} onChange={update("name")} error={save.error} required />
            <TextField
              id="agency-slug"
              name="slug"
              label={t("fields.slug")}
              hint={t("agencies.slugHint")}
              value={form.slug}
              onChange={update("slug")}
              error={save.error}
              required
            />
            <TextAreaField
              id="agency-description"
              name="description"
              label={t("fields.description")}
              value={form.description}
              onChange={update("description")}
              error={save.error}
            />
            <TextField
              id="agency-contact"
              name="contactEmail"
              type="email"
              label={t("fields.contactEmail")}
              value={form.contactEmail}
              onChange={update("contactEmail")}
              error={save.error}
            />
            <Button type="submit" disabled={save.isPending}>
              {t("common.save")}
            </Button>
          </Form>
          <h2>{t("agencies.removeHeading")}</h2>
          <p>{t("agencies.removeExplanation")}</p>
          <ProblemAlert error={remove.error} />
          {confirmingDelete ? (
            <ButtonGroup>
              <Button type="button" secondary onClick={() => remove.mutate()} disabled={remove.isPending}>
                {t("agencies.confirmRemove", { name: agency.data.name })}
              </Button>
              <Button type="button" unstyled onClick={() => setConfirmingDelete(false)}>
                {t("common.cancel")}
              </Button>
            </ButtonGroup>
          ) : (
            <Button type="button" outline onClick={() => setConfirmingDelete(true)}>
              {t("agencies.remove")}
            </Button>
          )}
        </>
      ) : null}
    </RequireAccess>
  );
}

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { AgencyView } from "../../../contracts/agencies.ts";
import { api, cityApi } from "../../api.ts";
import { useCitySlug } from "../../components/city.ts";
import { TextAreaField, TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, Form, Table } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "./AdminBreadcrumb.tsx";

export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

/** The city's agencies, and a form to add one. */
export default function AgenciesPage() {
  const { t } = useTranslation();
  const city = useCitySlug();
  const queryClient = useQueryClient();
  const agencies = useQuery({ queryKey: ["agencies", city], queryFn: () => api.get<{ agencies: AgencyView[] }>(`${cityApi(city)}/agencies`) });
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [description, setDescription] = useState("");
  const [contactEmail, setContactEmail] = useState("");
  const create = useMutation({
    mutationFn: () => api.post<AgencyView>(`${cityApi(city)}/agencies`, { name, slug, description, contactEmail: contactEmail || null }),
    onSuccess: async () => {
      setName("");
      setSlug("");
      setSlugEdited(false);
      setDescription("");
      setContactEmail("");
      await queryClient.invalidateQueries({ queryKey: ["agencies", city] });
    },
  });

  return (
    <RequireAccess roles={["city_admin"]}>
      <AdminBreadcrumb current={t("agencies.title")} />
      <PageHeading>{t("agencies.title")}</PageHeading>
      {agencies.isPending ? <Loading /> : null}
      <ProblemAlert error={agencies.error} />
      {agencies.data ? (
        <Table stacked caption={t("agencies.tableCaption", { count: agencies.data.agencies.length })}>
          <thead>
            <tr>
              <th scope="col">{t("fields.name")}</th>
              <th scope="col">{t("fields.slug")}</th>
              <th scope="col">{t("fields.contactEmail")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {agencies.data.agencies.map((agency) => (
              <tr key={agency.id}>
                <th scope="row" data-label={t("fields.name")}>
                  {agency.name}
                </th>
                <td data-label={t("fields.slug")}>{agency.slug}</td>
                <td data-label={t("fields.contactEmail")}>{agency.contactEmail ?? "—"}</td>
                <td data-label={t("common.actions")}>
                  <Link to={`/${city}/admin/agencies/${agency.id}`} aria-label={t("agencies.editNamed", { name: agency.name })}>
                    {t("common.edit")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}

      <h2>{t("agencies.addHeading")}</h2>
      {create.isSuccess ? (
        <Alert type="success" headingLevel="h3" slim role="status">
          {t("agencies.added", { name: create.data.name })}
        </Alert>
      ) : null}
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <ProblemAlert
          error={create.error}
          fieldLabels={{ name: t("fields.name"), slug: t("fields.slug"), contactEmail: t("fields.contactEmail"), description: t("fields.description") }}
        />
        <TextField
          id="agency-name"
          name="name"
          label={t("fields.name")}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            if (!slugEdited) setSlug(slugify(event.target.value));
          }}
          error={create.error}
          required
        />
        <TextField
          id="agency-slug"
          name="slug"
          label={t("fields.slug")}
          hint={t("agencies.slugHint")}
          value={slug}
          onChange={(event) => {
            setSlug(event.target.value);
            setSlugEdited(true);
          }}
          error={create.error}
          required
        />
        <TextAreaField
          id="agency-description"
          name="description"
          label={t("fields.description")}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          error={create.error}
        />
        <TextField
          id="agency-contact"
          name="contactEmail"
          type="email"
          label={t("fields.contactEmail")}
          hint={t("agencies.contactHint")}
          value={contactEmail}
          onChange={(event) => setContactEmail(event.target.value)}
          error={create.error}
        />
        <Button type="submit" disabled={create.isPending}>
          {t("agencies.add")}
        </Button>
      </Form>
    </RequireAccess>
  );
}

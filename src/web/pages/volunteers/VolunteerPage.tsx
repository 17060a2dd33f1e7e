import "./volunteers.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { CredentialTypeView, CredentialView, VolunteerDetailView } from "../../../contracts/volunteers.ts";
import { api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { SelectField, TextField } from "../../components/Fields.tsx";
import { formatDate } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, ButtonGroup, Form, Table, Tag } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { sortSlots, todayInZone, useLanguageName, useSlotLabel } from "./volunteer-fields.tsx";

/** One volunteer for DSO staff and city admins: contact details, what they offer, and the credentials staff record. */
export default function VolunteerPage() {
  return (
    <RequireAccess roles={["city_admin", "dso_staff"]}>
      <Volunteer />
    </RequireAccess>
  );
}

/** A calendar date (YYYY-MM-DD) in the reader's language, without shifting it through time zones. */
function useDay() {
  const { i18n } = useTranslation();
  return (date: string) => formatDate(`${date}T12:00:00Z`, i18n.language, "UTC");
}

function Volunteer() {
  const { t, i18n } = useTranslation();
  const city = useCitySlug();
  const { volunteerId = "" } = useParams();
  const url = `${cityApi(city)}/volunteers/${volunteerId}`;
  const volunteer = useQuery({ queryKey: ["volunteer", city, volunteerId, i18n.language], queryFn: () => api.get<VolunteerDetailView>(url), retry: false });
  const languageName = useLanguageName();
  const slotLabel = useSlotLabel();
  const day = useDay();
  const listTitle = t("volunteers.list.title");
  const data = volunteer.data;
  const none = t("volunteers.detail.notGiven");
  return (
    <>
      <AdminBreadcrumb trail={[{ to: `/${city}/admin/volunteers`, label: listTitle }]} current={data?.name ?? listTitle} />
      {volunteer.isPending ? <Loading /> : null}
      {volunteer.error ? (
        <>
          <PageHeading>{listTitle}</PageHeading>
          <ProblemAlert error={volunteer.error} />
        </>
      ) : null}
      {data ? (
        <>
          <PageHeading>{data.name}</PageHeading>
          <dl className="civitas-details">
            <dt>{t("fields.email")}</dt>
            <dd>
              <a href={`mailto:${data.email}`}>{data.email}</a>
            </dd>
            <dt>{t("volunteers.fields.phone")}</dt>
            <dd>{data.phone ? <a href={`tel:${data.phone.replace(/[^\d+]/g, "")}`}>{data.phone}</a> : none}</dd>
            <dt>{t("volunteers.detail.messages")}</dt>
            <dd>
              {[data.consent.email ? t("volunteers.detail.byEmail") : null, data.consent.sms ? t("volunteers.detail.bySms") : null]
                .filter(Boolean)
                .join(", ") || t("volunteers.detail.noMessages")}
            </dd>
            <dt>{t("volunteers.fields.languages")}</dt>
            <dd>{data.languages.map(languageName).join(", ") || none}</dd>
            <dt>{t("volunteers.fields.skills")}</dt>
            <dd>{data.skills.map((skill) => skill.name).join(", ") || none}</dd>
            <dt>{t("volunteers.fields.causes")}</dt>
            <dd>{data.causes.map((cause) => cause.name).join(", ") || none}</dd>
            <dt>{t("volunteers.fields.neighbourhood")}</dt>
            <dd>{data.neighbourhood ?? none}</dd>
            <dt>{t("volunteers.fields.location")}</dt>
            <dd>{data.latitude !== null && data.longitude !== null ? `${data.latitude}, ${data.longitude}` : none}</dd>
            <dt>{t("volunteers.fields.birthDate")}</dt>
            <dd>{data.birthDate ? day(data.birthDate) : none}</dd>
            <dt>{t("volunteers.fields.availability")}</dt>
            <dd>{sortSlots(data.availability).map(slotLabel).join(", ") || none}</dd>
            <dt>{t("volunteers.fields.accessibilityNeeds")}</dt>
            <dd className="civitas-break">{data.accessibilityNeeds ?? none}</dd>
          </dl>
          <Credentials volunteer={data} url={url} />
        </>
      ) : null}
    </>
  );
}

function Credentials({ volunteer, url }: { volunteer: VolunteerDetailView; url: string }) {
  const { t, i18n } = useTranslation();
  const city = useCitySlug();
  const cityDetails = useCity(city);
  const queryClient = useQueryClient();
  const day = useDay();
  const today = todayInZone(cityDetails.data?.timeZone);
  const types = useQuery({
    queryKey: ["credential-types", city, i18n.language],
    queryFn: () => api.get<{ credentialTypes: CredentialTypeView[] }>(`${cityApi(city)}/credential-types`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["volunteer", city, volunteer.id] });
  const [typeId, setTypeId] = useState("");
  const [issuedOn, setIssuedOn] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const [note, setNote] = useState("");
  const [confirming, setConfirming] = useState<string | null>(null);
  const record = useMutation({
    mutationFn: () =>
      api.post<CredentialView>(`${url}/credentials`, {
        credentialTypeId: typeId,
        issuedOn: issuedOn || today,
        ...(expiresOn ? { expiresOn } : {}),
        note,
      }),
    onSuccess: async () => {
      setTypeId("");
      setIssuedOn("");
      setExpiresOn("");
      setNote("");
      await refresh();
    },
  });
  const renew = useMutation({
    mutationFn: (credentialId: string) => api.patch<CredentialView>(`${url}/credentials/${credentialId}`, { issuedOn: today }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (credentialId: string) => api.delete(`${url}/credentials/${credentialId}`),
    onSuccess: async () => {
      setConfirming(null);
      await refresh();
    },
  });
  const held = new Set(volunteer.credentials.map((credential) => credential.credentialTypeId));
  const chosenType = types.data?.credentialTypes.find((type) => type.id === typeId);

  return (
    <>
      <section aria-labelledby="credentials-heading">
        <h2 id="credentials-heading">{t("volunteers.credentials.heading")}</h2>
        <ProblemAlert error={renew.error ?? remove.error} />
        {renew.isSuccess ? (
          <Alert type="success" headingLevel="h3" slim role="status">
            {t("volunteers.credentials.renewed", { name: renew.data.name })}
          </Alert>
        ) : null}
        {volunteer.credentials.length === 0 ? (
          <p>{t("volunteers.credentials.none")}</p>
        ) : (
          <Table stacked caption={t("volunteers.credentials.caption", { name: volunteer.name })}>
            <thead>
              <tr>
                <th scope="col">{t("volunteers.credentials.type")}</th>
                <th scope="col">{t("volunteers.credentials.issuedOn")}</th>
                <th scope="col">{t("volunteers.credentials.expiresOn")}</th>
                <th scope="col">{t("volunteers.credentials.statusHeading")}</th>
                <th scope="col">{t("volunteers.credentials.note")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {volunteer.credentials.map((credential) => (
                <tr key={credential.id}>
                  <th scope="row" data-label={t("volunteers.credentials.type")}>
                    {credential.name}
                  </th>
                  <td data-label={t("volunteers.credentials.issuedOn")}>{day(credential.issuedOn)}</td>
                  <td data-label={t("volunteers.credentials.expiresOn")}>
                    {credential.expiresOn ? day(credential.expiresOn) : t("volunteers.credentials.noExpiry")}
                  </td>
                  <td data-label={t("volunteers.credentials.statusHeading")}>
                    <Tag className={credential.status === "expired" ? "civitas-tag--expired" : "civitas-tag--valid"}>
                      {t(`volunteers.credentials.status.${credential.status}`)}
                    </Tag>
                  </td>
                  <td data-label={t("volunteers.credentials.note")} className="civitas-break">
                    {credential.note || "—"}
                  </td>
                  <td data-label={t("common.actions")}>
                    {confirming === credential.id ? (
                      <ButtonGroup>
                        <Button type="button" secondary onClick={() => remove.mutate(credential.id)} disabled={remove.isPending}>
                          {t("volunteers.credentials.confirmRemove", { name: credential.name })}
                        </Button>
                        <Button type="button" unstyled onClick={() => setConfirming(null)}>
                          {t("common.cancel")}
                        </Button>
                      </ButtonGroup>
                    ) : (
                      <ButtonGroup>
                        <Button
                          type="button"
                          outline
                          onClick={() => renew.mutate(credential.id)}
                          disabled={renew.isPending}
                          aria-label={t("volunteers.credentials.renewNamed", { name: credential.name })}
                        >
                          {t("volunteers.credentials.renew")}
                        </Button>
                        <Button
                          type="button"
                          unstyled
                          onClick={() => setConfirming(credential.id)}
                          aria-label={t("volunteers.credentials.removeNamed", { name: credential.name })}
                        >
                          {t("volunteers.credentials.remove")}
                        </Button>
                      </ButtonGroup>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <p className="usa-hint">{t("volunteers.credentials.renewHint")}</p>
      </section>

      <section aria-labelledby="record-heading">
        <h2 id="record-heading">{t("volunteers.credentials.addHeading")}</h2>
        {record.isSuccess ? (
          <Alert type="success" headingLevel="h3" slim role="status">
            {t("volunteers.credentials.added", { name: record.data.name })}
          </Alert>
        ) : null}
        <Form
          onSubmit={(event) => {
            event.preventDefault();
            record.mutate();
          }}
        >
          <ProblemAlert
            error={record.error}
            fieldLabels={{
              credentialTypeId: t("volunteers.credentials.type"),
              issuedOn: t("volunteers.credentials.issuedOn"),
              expiresOn: t("volunteers.credentials.expiresOn"),
              note: t("volunteers.credentials.note"),
            }}
          />
          <SelectField
            id="credential-type"
            name="credentialTypeId"
            label={t("volunteers.credentials.type")}
            value={typeId}
            onChange={(event) => setTypeId(event.target.value)}
            error={record.error}
            required
          >
            <option value="">{t("volunteers.credentials.chooseType")}</option>
            {types.data?.credentialTypes.map((type) => (
              <option key={type.id} value={type.id} disabled={held.has(type.id)}>
                {held.has(type.id) ? t("volunteers.credentials.alreadyHeld", { name: type.name }) : type.name}
              </option>
            ))}
          </SelectField>
          <TextField
            id="credential-issued"
            name="issuedOn"
            type="date"
            label={t("volunteers.credentials.issuedOn")}
            hint={t("volunteers.credentials.issuedHint")}
            value={issuedOn}
            max={today}
            onChange={(event) => setIssuedOn(event.target.value)}
            error={record.error}
          />
          <TextField
            id="credential-expires"
            name="expiresOn"
            type="date"
            label={t("volunteers.credentials.expiresOn")}
            hint={
              chosenType?.validityMonths
                ? t("volunteers.credentials.expiresHintValidity", { count: chosenType.validityMonths })
                : t("volunteers.credentials.expiresHint")
            }
            value={expiresOn}
            onChange={(event) => setExpiresOn(event.target.value)}
            error={record.error}
          />
          <TextField
            id="credential-note"
            name="note"
            label={t("volunteers.credentials.note")}
            value={note}
            maxLength={500}
            onChange={(event) => setNote(event.target.value)}
            error={record.error}
          />
          <Button type="submit" disabled={record.isPending}>
            {t("volunteers.credentials.add")}
          </Button>
        </Form>
      </section>
    </>
  );
}

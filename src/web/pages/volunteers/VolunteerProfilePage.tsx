import "./volunteers.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import type { CauseView, MyVolunteerProfileView, SkillView } from "../../../contracts/volunteers.ts";
import { api, cityApi } from "../../api.ts";
import { useCitySlug } from "../../components/city.ts";
import { TextAreaField, TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Alert, Button, Form } from "../../components/uswds.tsx";
import { useMe } from "../../session.ts";
import { AvailabilityGrid, Checkbox, Fieldset, LanguageCheckboxes, messageWithin, SkillCheckboxes, toggled } from "./volunteer-fields.tsx";

/** A resident's volunteer profile in this city: how to reach them, what they speak and can do, when they are free. */
export default function VolunteerProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const city = useCitySlug();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (!me.data?.user) {
    return (
      <>
        <PageHeading>{t("access.signInTitle")}</PageHeading>
        <p>{t("volunteers.profile.signInNeeded")}</p>
        <Link className="usa-button" to={`/${city}/sign-in?next=${encodeURIComponent(location.pathname)}`}>
          {t("nav.signIn")}
        </Link>
      </>
    );
  }
  return <ProfileForm />;
}

interface FormState {
  phone: string;
  birthDate: string;
  languages: string[];
  skillIds: string[];
  causeIds: string[];
  neighbourhood: string;
  latitude: number | null;
  longitude: number | null;
  availability: string[];
  accessibilityNeeds: string;
  consentEmail: boolean;
  consentSms: boolean;
}

function formOf(profile: MyVolunteerProfileView): FormState {
  return {
    phone: profile.phone ?? "",
    birthDate: profile.birthDate ?? "",
    languages: profile.languages,
    skillIds: profile.skillIds,
    causeIds: profile.causeIds,
    neighbourhood: profile.neighbourhood ?? "",
    latitude: profile.latitude,
    longitude: profile.longitude,
    availability: profile.availability,
    accessibilityNeeds: profile.accessibilityNeeds ?? "",
    consentEmail: profile.consent.email,
    consentSms: profile.consent.sms,
  };
}

/** About 100 m: enough to suggest nearby places, not enough to find a front door. */
function rounded(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function ProfileForm() {
  const { t, i18n } = useTranslation();
  const city = useCitySlug();
  const queryClient = useQueryClient();
  const base = cityApi(city);
  const profile = useQuery({ queryKey: ["volunteer-profile", city], queryFn: () => api.get<MyVolunteerProfileView>(`${base}/me/volunteer-profile`) });
  const skills = useQuery({ queryKey: ["skills", city, i18n.language], queryFn: () => api.get<{ skills: SkillView[] }>(`${base}/skills`) });
  const causes = useQuery({ queryKey: ["causes", city, i18n.language], queryFn: () => api.get<{ causes: CauseView[] }>(`${base}/causes`) });
  const [form, setForm] = useState<FormState | null>(null);
  useEffect(() => {
    if (profile.data) setForm(formOf(profile.data));
  }, [profile.data]);

  const save = useMutation({
    mutationFn: (state: FormState) =>
      api.put<MyVolunteerProfileView>(`${base}/me/volunteer-profile`, {
        phone: state.phone || null,
        birthDate: state.birthDate || null,
        languages: state.languages,
        skillIds: state.skillIds,
        causeIds: state.causeIds,
        neighbourhood: state.neighbourhood || null,
        latitude: state.latitude,
        longitude: state.longitude,
        availability: state.availability,
        accessibilityNeeds: state.accessibilityNeeds || null,
        consent: { email: state.consentEmail, sms: state.consentSms },
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(["volunteer-profile", city], saved);
      // Saving makes the person a volunteer of the city.
      await queryClient.invalidateQueries({ queryKey: ["me"] });
    },
  });
  const saved = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (save.isSuccess) saved.current?.focus();
  }, [save.isSuccess]);

  if (!profile.data || !form) {
    return (
      <>
        <PageHeading>{t("volunteers.profile.title")}</PageHeading>
        {profile.error ? <ProblemAlert error={profile.error} /> : <Loading />}
      </>
    );
  }
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((current) => (current ? { ...current, [key]: value } : current));
    if (save.isSuccess) save.reset();
  };
  const person = profile.data;

  return (
    <>
      <PageHeading>{t("volunteers.profile.title")}</PageHeading>
      <p className="usa-intro">{t("volunteers.profile.intro")}</p>
      <p>
        {t("volunteers.profile.youAre", { name: person.name, email: person.email })} <Link to={`/${city}/account`}>{t("volunteers.profile.changeName")}</Link>
      </p>
      <Form
        large
        className="civitas-volunteer-form"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(form);
        }}
      >
        <ProblemAlert
          error={save.error}
          fieldLabels={{
            phone: t("volunteers.fields.phone"),
            birthDate: t("volunteers.fields.birthDate"),
            neighbourhood: t("volunteers.fields.neighbourhood"),
            latitude: t("volunteers.fields.location"),
            longitude: t("volunteers.fields.location"),
            skillIds: t("volunteers.fields.skills"),
            causeIds: t("volunteers.fields.causes"),
            accessibilityNeeds: t("volunteers.fields.accessibilityNeeds"),
            "consent.sms": t("volunteers.profile.consentSms"),
          }}
        />
        {save.isSuccess ? (
          <div ref={saved} tabIndex={-1} className="civitas-problem">
            <Alert type="success" headingLevel="h2" slim role="status">
              {t("volunteers.profile.saved")}
            </Alert>
          </div>
        ) : null}

        <Fieldset id="contact" legend={t("volunteers.profile.contactHeading")}>
          <TextField
            id="volunteer-phone"
            name="phone"
            type="tel"
            autoComplete="tel"
            label={t("volunteers.fields.phone")}
            hint={t("volunteers.profile.phoneHint")}
            value={form.phone}
            onChange={(event) => set("phone", event.target.value)}
            error={save.error}
          />
          <Fieldset
            id="consent"
            legend={t("volunteers.profile.consentHeading")}
            hint={t("volunteers.profile.consentHint")}
            message={messageWithin(save.error, "consent")}
            small
            className="civitas-fieldset--nested"
          >
            <Checkbox
              id="consent-email"
              label={t("volunteers.profile.consentEmail")}
              checked={form.consentEmail}
              onChange={(checked) => set("consentEmail", checked)}
            />
            <Checkbox
              id="consent-sms"
              label={t("volunteers.profile.consentSms")}
              hint={t("volunteers.profile.consentSmsHint")}
              checked={form.consentSms}
              onChange={(checked) => set("consentSms", checked)}
            />
          </Fieldset>
        </Fieldset>

        <Fieldset id="about" legend={t("volunteers.profile.aboutHeading")}>
          <TextField
            id="volunteer-birth-date"
            name="birthDate"
            type="date"
            autoComplete="bday"
            label={t("volunteers.fields.birthDate")}
            hint={t("volunteers.profile.birthDateHint")}
            value={form.birthDate}
            onChange={(event) => set("birthDate", event.target.value)}
            error={save.error}
          />
          <TextField
            id="volunteer-neighbourhood"
            name="neighbourhood"
            label={t("volunteers.fields.neighbourhood")}
            hint={t("volunteers.profile.neighbourhoodHint")}
            value={form.neighbourhood}
            onChange={(event) => set("neighbourhood", event.target.value)}
            error={save.error}
          />
          <LocationControls
            latitude={form.latitude}
            longitude={form.longitude}
            message={messageWithin(save.error, "latitude") ?? messageWithin(save.error, "longitude")}
            onChange={(latitude, longitude) => {
              set("latitude", latitude);
              set("longitude", longitude);
            }}
          />
        </Fieldset>

        <LanguageCheckboxes selected={form.languages} onChange={(languages) => set("languages", languages)} message={messageWithin(save.error, "languages")} />

        <Fieldset id="skills" legend={t("volunteers.fields.skills")} hint={t("volunteers.profile.skillsHint")} message={messageWithin(save.error, "skillIds")}>
          {skills.data ? (
            skills.data.skills.length > 0 ? (
              <SkillCheckboxes
                skills={skills.data.skills}
                selected={new Set(form.skillIds)}
                onToggle={(id, checked) => set("skillIds", toggled(form.skillIds, id, checked))}
                idPrefix="skill"
              />
            ) : (
              <p>{t("volunteers.profile.noSkills")}</p>
            )
          ) : (
            <ProblemAlert error={skills.error} />
          )}
        </Fieldset>

        <Fieldset id="causes" legend={t("volunteers.fields.causes")} message={messageWithin(save.error, "causeIds")}>
          {causes.data ? (
            causes.data.causes.length > 0 ? (
              causes.data.causes.map((cause) => (
                <Checkbox
                  key={cause.id}
                  id={`cause-${cause.slug}`}
                  label={cause.name}
                  checked={form.causeIds.includes(cause.id)}
                  onChange={(checked) => set("causeIds", toggled(form.causeIds, cause.id, checked))}
                />
              ))
            ) : (
              <p>{t("volunteers.profile.noCauses")}</p>
            )
          ) : (
            <ProblemAlert error={causes.error} />
          )}
        </Fieldset>

        <AvailabilityGrid
          selected={form.availability}
          onChange={(availability) => set("availability", availability)}
          message={messageWithin(save.error, "availability")}
        />

        <TextAreaField
          id="volunteer-accessibility"
          name="accessibilityNeeds"
          label={t("volunteers.fields.accessibilityNeeds")}
          hint={t("volunteers.profile.accessibilityHint")}
          value={form.accessibilityNeeds}
          maxLength={1000}
          onChange={(event) => set("accessibilityNeeds", event.target.value)}
          error={save.error}
        />

        <Button type="submit" disabled={save.isPending}>
          {t("volunteers.profile.save")}
        </Button>
      </Form>
    </>
  );
}

/** "Use my current location", rounded; or remove it. No map and no outside service: the browser says where it is. */
function LocationControls({
  latitude,
  longitude,
  message,
  onChange,
}: {
  latitude: number | null;
  longitude: number | null;
  message?: string;
  onChange: (latitude: number | null, longitude: number | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<"idle" | "locating" | "denied" | "unavailable" | "removed" | "found">("idle");
  const format = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const locate = () => {
    if (!("geolocation" in navigator)) {
      setStatus("unavailable");
      return;
    }
    setStatus("locating");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        onChange(rounded(position.coords.latitude), rounded(position.coords.longitude));
        setStatus("found");
      },
      (error) => setStatus(error.code === error.PERMISSION_DENIED ? "denied" : "unavailable"),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 600_000 },
    );
  };
  const has = latitude !== null && longitude !== null;
  return (
    <div className={`usa-form-group${message ? " usa-form-group--error" : ""}`} id="location">
      <p className="usa-label" id="location-label">
        {t("volunteers.fields.location")}
      </p>
      <p className="usa-hint" id="location-hint">
        {t("volunteers.profile.locationHint")}
      </p>
      {message ? <span className="usa-error-message">{message}</span> : null}
      <p aria-live="polite" className="civitas-location-status">
        {has
          ? t("volunteers.profile.locationSaved", { latitude: format.format(latitude), longitude: format.format(longitude) })
          : t("volunteers.profile.noLocation")}
        {status === "locating" ? ` ${t("volunteers.profile.locating")}` : null}
        {status === "denied" ? ` ${t("volunteers.profile.locationDenied")}` : null}
        {status === "unavailable" ? ` ${t("volunteers.profile.locationUnavailable")}` : null}
        {status === "found" || status === "removed" ? ` ${t("volunteers.profile.locationRememberToSave")}` : null}
      </p>
      <div className="civitas-button-row">
        <Button type="button" outline onClick={locate} disabled={status === "locating"} aria-describedby="location-hint">
          {t("volunteers.profile.useLocation")}
        </Button>
        {has ? (
          <Button
            type="button"
            unstyled
            onClick={() => {
              onChange(null, null);
              setStatus("removed");
            }}
          >
            {t("volunteers.profile.removeLocation")}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

import "./campaigns.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import type { CampaignChannel, CampaignPreviewView, CampaignView } from "../../../contracts/campaigns.ts";
import { volunteerLanguages } from "../../../contracts/languages.ts";
import { ApiProblem, api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { SelectField, TextAreaField, TextField } from "../../components/Fields.tsx";
import { formatDateTime, instantOf, todayIn, wallClockOf } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, ButtonGroup, Form, Select } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { Fieldset, Radio, useFocusOnChange } from "../opportunities/parts.tsx";
import { useLanguageName } from "../volunteers/volunteer-fields.tsx";
import { AudienceBuilder, AudienceCount, type AudienceDraft, audienceBodyOf, audienceDraftOf, emptyAudience, useAudienceCount } from "./AudienceBuilder.tsx";
import { CampaignResults } from "./CampaignResults.tsx";
import { CampaignStatusTag, campaignRoles, campaignsApi, useCampaign, useNumberFormat } from "./parts.tsx";

/**
 * Staff write a campaign, choose its audience with a live count, preview it in each language and
 * send it now or later; once it goes out, the same page shows what came of it.
 */

interface MessageDraft {
  language: string;
  subject: string;
  body: string;
}

interface Draft {
  name: string;
  channel: CampaignChannel;
  audience: AudienceDraft;
  messages: MessageDraft[];
  opportunityId: string;
}

function draftOf(item: CampaignView): Draft {
  return {
    name: item.name,
    channel: item.channel,
    audience: audienceDraftOf(item.audience),
    messages: item.messages.map((message) => ({ ...message })),
    opportunityId: item.opportunity?.id ?? "",
  };
}

/** Every field, always: a partial update would otherwise keep what the form took away. */
function bodyOf(draft: Draft) {
  return {
    name: draft.name,
    channel: draft.channel,
    audience: audienceBodyOf(draft.audience),
    messages: draft.messages.map((message) => ({
      language: message.language,
      subject: draft.channel === "email" ? message.subject : "",
      body: message.body,
    })),
    opportunityId: draft.opportunityId || null,
  };
}

/** The language part of the city's default locale ("es-US" → "es"): messages are per language. */
function primaryLanguage(locale: string | undefined): string {
  return (locale ?? "en").toLowerCase().split("-")[0] ?? "en";
}

const editable = (item: CampaignView | undefined) => !item || item.status === "draft" || item.status === "scheduled";

export default function CampaignEditorPage() {
  return (
    <RequireAccess roles={campaignRoles}>
      <Editor />
    </RequireAccess>
  );
}

function Editor() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const { campaignId } = useParams();
  const campaign = useCampaign(slug, campaignId);
  const listTrail = [{ to: `/${slug}/admin/campaigns`, label: t("campaigns.title") }];

  if (campaignId && campaign.isPending) return <Loading />;
  if (campaignId && campaign.error) {
    const notFound = campaign.error instanceof ApiProblem && (campaign.error.status === 404 || campaign.error.status === 400);
    return (
      <>
        <AdminBreadcrumb trail={listTrail} current={t("campaigns.editor.notFound")} />
        <PageHeading>{t("campaigns.editor.notFound")}</PageHeading>
        {notFound ? <p>{t("campaigns.editor.notFoundText")}</p> : <ProblemAlert error={campaign.error} />}
        <p>
          <Link to={`/${slug}/admin/campaigns`}>{t("campaigns.editor.backToList")}</Link>
        </p>
      </>
    );
  }
  const item = campaign.data;
  return (
    <>
      <AdminBreadcrumb trail={listTrail} current={item ? item.name : t("campaigns.editor.newTitle")} />
      <PageHeading>{item ? item.name : t("campaigns.editor.newTitle")}</PageHeading>
      {item ? <StatusPanel item={item} /> : <p className="usa-intro">{t("campaigns.editor.intro")}</p>}
      {item && (item.status === "sending" || item.status === "sent" || item.recipientCount > 0) ? <CampaignResults item={item} /> : null}
      {/* A new draft becomes an existing one: the form starts again from what the server saved. */}
      {editable(item) ? <CampaignForm key={item?.id ?? "new"} item={item} /> : null}
      {item && !editable(item) ? <WhatWasSent item={item} /> : null}
    </>
  );
}

/** Where the campaign stands, and the one action that changes it from outside the form: cancelling what is scheduled. */
function StatusPanel({ item }: { item: CampaignView }) {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const queryClient = useQueryClient();
  const number = useNumberFormat();
  const [confirming, setConfirming] = useState(false);
  useFocusOnChange(confirming, confirming ? "campaign-cancel-confirm" : "campaign-cancel");
  // Once cancelled, the button is gone: focus goes to the sentence that says so.
  const cancelledNote = useRef<HTMLParagraphElement>(null);
  const at = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language, city.data?.timeZone) : "");
  const cancel = useMutation({
    mutationFn: () => api.post<CampaignView>(`${campaignsApi(slug)}/${item.id}/cancel`),
    onSuccess: async (saved) => {
      setConfirming(false);
      queryClient.setQueryData(["campaign", slug, item.id], saved);
      await queryClient.invalidateQueries({ queryKey: ["campaigns", slug] });
    },
  });
  useEffect(() => {
    if (cancel.isSuccess) cancelledNote.current?.focus();
  }, [cancel.isSuccess]);
  const sent = item.funnel.sent + item.funnel.failed;
  const text = {
    draft: t("campaigns.editor.statusText.draft"),
    scheduled: t("campaigns.editor.statusText.scheduled", { when: at(item.scheduledFor), zone: city.data?.timeZone ?? "" }),
    sending: t("campaigns.editor.statusText.sending", { done: number(sent), total: number(item.recipientCount) }),
    sent: t("campaigns.editor.statusText.sent", {
      when: at(item.finishedAt ?? item.queuedAt),
      count: item.recipientCount,
      formatted: number(item.recipientCount),
    }),
    cancelled: t("campaigns.editor.statusText.cancelled", { when: at(item.cancelledAt) }),
  }[item.status];
  return (
    <section aria-labelledby="campaign-status" className="civitas-space-above civitas-status-panel">
      <h2 id="campaign-status">{t("campaigns.editor.statusHeading")}</h2>
      <p id="campaign-status-text" tabIndex={-1} className="civitas-problem">
        <CampaignStatusTag status={item.status} /> {text}
      </p>
      <ProblemAlert error={cancel.error} />
      {cancel.isSuccess ? (
        <p role="status" className="civitas-visually-status civitas-problem" tabIndex={-1} ref={cancelledNote}>
          {t("campaigns.editor.cancelled")}
        </p>
      ) : null}
      {item.status === "scheduled" || item.status === "sending" ? (
        confirming ? (
          <ConfirmPanel
            id="campaign-cancel"
            question={t(`campaigns.editor.cancelQuestion.${item.status}`)}
            confirmLabel={t("campaigns.editor.cancelConfirm")}
            backLabel={t("campaigns.editor.keepIt")}
            secondary
            pending={cancel.isPending}
            onConfirm={() => cancel.mutate()}
            onBack={() => setConfirming(false)}
          />
        ) : (
          <Button id="campaign-cancel" type="button" outline onClick={() => setConfirming(true)}>
            {t(`campaigns.editor.cancel.${item.status}`)}
          </Button>
        )
      ) : null}
    </section>
  );
}

/**
 * The question asked before an action that cannot be taken back, with the button that does it
 * (`${id}-confirm`, described by the question) and one that steps back. `children` come under the question.
 */
function ConfirmPanel({
  id,
  question,
  confirmLabel,
  backLabel,
  secondary,
  pending,
  onConfirm,
  onBack,
  children,
}: {
  id: string;
  question: string;
  confirmLabel: string;
  backLabel: string;
  secondary?: boolean;
  pending: boolean;
  onConfirm: () => void;
  onBack: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="civitas-confirm">
      <p id={`${id}-question`}>{question}</p>
      {children}
      <ButtonGroup>
        <Button id={`${id}-confirm`} type="button" secondary={secondary} aria-describedby={`${id}-question`} onClick={onConfirm} disabled={pending}>
          {confirmLabel}
        </Button>
        <Button type="button" outline onClick={onBack}>
          {backLabel}
        </Button>
      </ButtonGroup>
    </div>
  );
}

function CampaignForm({ item }: { item: CampaignView | undefined }) {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const languageName = useLanguageName();
  const number = useNumberFormat();
  const defaultLanguage = primaryLanguage(city.data?.defaultLocale);
  const [draft, setDraft] = useState<Draft>(() =>
    item ? draftOf(item) : { name: "", channel: "email", audience: emptyAudience, messages: [], opportunityId: "" },
  );
  const [savedBody, setSavedBody] = useState(() => (item ? JSON.stringify(bodyOf(draftOf(item))) : null));
  const dirty = savedBody !== JSON.stringify(bodyOf(draft));
  // A new campaign starts with a message in the city's language, once the city is known.
  useEffect(() => {
    if (city.data && draft.messages.length === 0) setDraft((current) => ({ ...current, messages: [{ language: defaultLanguage, subject: "", body: "" }] }));
  }, [city.data, defaultLanguage, draft.messages.length]);

  const opportunities = useQuery({
    queryKey: ["staffOpportunities", slug, "status=published"],
    queryFn: () => api.get<{ opportunities: { id: string; title: string }[] }>(`${cityApi(slug)}/admin/opportunities?status=published`),
    staleTime: 60_000,
  });
  const count = useAudienceCount(slug, draft.channel, draft.audience);
  // The newest failure's messages appear beside the fields they name.
  const [fieldsError, setFieldsError] = useState<unknown>(null);

  const remember = async (saved: CampaignView) => {
    setFieldsError(null);
    queryClient.setQueryData(["campaign", slug, saved.id], saved);
    await queryClient.invalidateQueries({ queryKey: ["campaigns", slug] });
  };
  /** Saves what the form holds when it differs from what the server has; returns the campaign as saved. */
  const persist = async (): Promise<CampaignView> => {
    if (item && !dirty) return item;
    const body = bodyOf(draft);
    const saved = item ? await api.patch<CampaignView>(`${campaignsApi(slug)}/${item.id}`, body) : await api.post<CampaignView>(campaignsApi(slug), body);
    setSavedBody(JSON.stringify(body));
    return saved;
  };
  const save = useMutation({
    mutationFn: persist,
    onSuccess: async (saved) => {
      await remember(saved);
      if (!item) navigate(`/${slug}/admin/campaigns/${saved.id}`, { replace: true, state: { created: true } });
    },
  });
  const created = (location.state as { created?: boolean } | null)?.created && !save.isSuccess && !dirty;

  const set = <K extends keyof Draft>(name: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [name]: value }));
    if (save.isSuccess) save.reset();
  };
  const setMessage = (index: number, change: Partial<MessageDraft>) =>
    set(
      "messages",
      draft.messages.map((message, at) => (at === index ? { ...message, ...change } : message)),
    );

  useEffect(() => {
    if (save.error) setFieldsError(save.error);
  }, [save.error]);
  const fieldLabels: Record<string, string> = {
    name: t("campaigns.fields.name"),
    channel: t("campaigns.fields.channel"),
    messages: t("campaigns.fields.messages"),
    opportunityId: t("campaigns.fields.opportunity"),
    "audience.near.latitude": t("opportunities.fields.latitude"),
    "audience.near.longitude": t("opportunities.fields.longitude"),
    "audience.near.radiusKm": t("campaigns.audience.radiusKm"),
    "audience.attendedWithinDays": t("campaigns.audience.attendedWithinDays"),
    "audience.neighbourhoods": t("campaigns.audience.neighbourhoods"),
    sendAt: t("campaigns.send.when"),
  };
  draft.messages.forEach((message, index) => {
    fieldLabels[`messages.${index}.subject`] = t("campaigns.messages.subjectIn", { language: languageName(message.language) });
    fieldLabels[`messages.${index}.body`] = t("campaigns.messages.bodyIn", { language: languageName(message.language) });
  });
  const groupMessage = (field: string) => (fieldsError instanceof ApiProblem ? fieldsError.fieldError(field) : undefined);

  const otherLanguages = volunteerLanguages
    .filter((code) => !draft.messages.some((message) => message.language === code))
    .map((code) => ({ code, name: languageName(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, i18n.language));
  const [languageToAdd, setLanguageToAdd] = useState("");
  const [addedLanguage, setAddedLanguage] = useState<string | null>(null);
  useFocusOnChange(addedLanguage, addedLanguage ? `campaign-message-${addedLanguage}-${draft.channel === "email" ? "subject" : "body"}` : null);

  return (
    <>
      <Form
        large
        className="civitas-editor-form civitas-campaign-form"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        {created ? (
          <Alert type="success" headingLevel="h2" slim role="status">
            {t("campaigns.editor.created")}
          </Alert>
        ) : null}
        {save.isSuccess && item ? (
          <Alert type="success" headingLevel="h2" slim role="status">
            {t("common.savedChanges")}
          </Alert>
        ) : null}
        <ProblemAlert error={save.error} fieldLabels={fieldLabels} />

        <h2>{t("campaigns.editor.aboutHeading")}</h2>
        <TextField
          id="campaign-name"
          name="name"
          label={t("campaigns.fields.name")}
          hint={t("campaigns.editor.nameHint")}
          value={draft.name}
          onChange={(event) => set("name", event.target.value)}
          error={fieldsError}
          required
          minLength={3}
          maxLength={140}
        />
        <Fieldset id="campaign-channel" legend={t("campaigns.fields.channel")} message={groupMessage("channel")}>
          <Radio
            id="campaign-channel-email"
            name="channel"
            label={t("campaigns.channel.email")}
            checked={draft.channel === "email"}
            onChange={() => set("channel", "email")}
          />
          <Radio
            id="campaign-channel-sms"
            name="channel"
            label={t("campaigns.channel.sms")}
            hint={t("campaigns.editor.smsHint")}
            checked={draft.channel === "sms"}
            onChange={() => set("channel", "sms")}
          />
        </Fieldset>

        <section aria-labelledby="campaign-audience" className="civitas-campaign-audience">
          <h2 id="campaign-audience">{t("campaigns.editor.audienceHeading")}</h2>
          <p className="usa-hint">{t("campaigns.editor.audienceHint")}</p>
          <AudienceBuilder
            slug={slug}
            draft={draft.audience}
            onChange={(audience) => set("audience", audience)}
            error={fieldsError ?? (count.error instanceof ApiProblem ? count.error : null)}
          />
          <AudienceCount count={count} />
        </section>

        <h2>{t("campaigns.editor.messagesHeading")}</h2>
        <p className="usa-hint" id="campaign-messages-hint">
          {t("campaigns.editor.messagesHint", { language: languageName(defaultLanguage) })}
        </p>
        {groupMessage("messages") ? (
          <span className="usa-error-message" id="campaign-messages-error">
            {groupMessage("messages")}
          </span>
        ) : null}
        {draft.messages.map((message, index) => {
          const name = languageName(message.language);
          const isDefault = message.language === defaultLanguage;
          return (
            <Fieldset
              key={message.language}
              id={`campaign-message-${message.language}`}
              legend={isDefault ? t("campaigns.messages.legendDefault", { language: name }) : t("campaigns.messages.legend", { language: name })}
              className="civitas-campaign-message"
            >
              {draft.channel === "email" ? (
                <TextField
                  id={`campaign-message-${message.language}-subject`}
                  name="subject"
                  field={`messages.${index}.subject`}
                  label={t("campaigns.messages.subject")}
                  value={message.subject}
                  onChange={(event) => setMessage(index, { subject: event.target.value })}
                  error={fieldsError}
                  lang={message.language}
                  maxLength={200}
                />
              ) : null}
              <TextAreaField
                id={`campaign-message-${message.language}-body`}
                name="body"
                field={`messages.${index}.body`}
                label={t("campaigns.messages.body")}
                hint={draft.channel === "email" ? t("campaigns.messages.bodyHint", { placeholder: "{{name}}" }) : t("campaigns.messages.smsBodyHint")}
                value={message.body}
                onChange={(event) => setMessage(index, { body: event.target.value })}
                error={fieldsError}
                lang={message.language}
                rows={draft.channel === "email" ? 8 : 4}
                maxLength={10_000}
              />
              {!isDefault ? (
                <Button
                  type="button"
                  unstyled
                  className="civitas-danger-link"
                  onClick={() => {
                    set(
                      "messages",
                      draft.messages.filter((_, at) => at !== index),
                    );
                    document.getElementById("campaign-add-language")?.focus();
                  }}
                >
                  {t("campaigns.messages.remove", { language: name })}
                </Button>
              ) : null}
            </Fieldset>
          );
        })}
        <div className="civitas-campaign-add-language">
          <label className="usa-label" htmlFor="campaign-add-language">
            {t("campaigns.messages.addLabel")}
          </label>
          <div className="civitas-inline-controls">
            <Select id="campaign-add-language" value={languageToAdd} onChange={(event) => setLanguageToAdd(event.target.value)}>
              <option value="">{t("campaigns.messages.chooseLanguage")}</option>
              {otherLanguages.map(({ code, name }) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </Select>
            <Button
              type="button"
              outline
              disabled={!languageToAdd}
              onClick={() => {
                set("messages", [...draft.messages, { language: languageToAdd, subject: "", body: "" }]);
                setAddedLanguage(languageToAdd);
                setLanguageToAdd("");
              }}
            >
              {t("campaigns.messages.add")}
            </Button>
          </div>
        </div>

        <SelectField
          id="campaign-opportunity"
          name="opportunityId"
          label={t("campaigns.fields.opportunity")}
          hint={t("campaigns.editor.opportunityHint")}
          value={draft.opportunityId}
          onChange={(event) => set("opportunityId", event.target.value)}
          error={fieldsError}
        >
          <option value="">{t("campaigns.editor.noOpportunity")}</option>
          {/* An opportunity unpublished since it was chosen stays chosen. */}
          {item?.opportunity && !opportunities.data?.opportunities.some((opportunity) => opportunity.id === item.opportunity?.id) ? (
            <option value={item.opportunity.id}>{item.opportunity.title}</option>
          ) : null}
          {opportunities.data?.opportunities.map((opportunity) => (
            <option key={opportunity.id} value={opportunity.id}>
              {opportunity.title}
            </option>
          ))}
        </SelectField>

        <div className="civitas-space-above">
          <Button type="submit" disabled={save.isPending}>
            {item ? t("campaigns.editor.save") : t("campaigns.editor.create")}
          </Button>
          {item && !dirty && !save.isPending ? <span className="civitas-saved-note">{t("campaigns.editor.allSaved")}</span> : null}
          {!item ? <p className="usa-hint">{t("campaigns.editor.createHint")}</p> : null}
        </div>
      </Form>

      {item ? (
        <>
          <CampaignPreview
            item={item}
            languages={draft.messages.map((message) => message.language)}
            dirty={dirty}
            persist={async () => {
              try {
                const saved = await persist();
                await remember(saved);
              } catch (error) {
                setFieldsError(error);
                throw error;
              }
            }}
          />
          <SendSection
            item={item}
            reachable={count.data?.reachable}
            dirty={dirty}
            persist={async () => {
              try {
                const saved = await persist();
                await remember(saved);
              } catch (error) {
                setFieldsError(error);
                throw error;
              }
            }}
            onError={setFieldsError}
            number={number}
            fieldLabels={fieldLabels}
          />
          {item.status === "draft" ? <DeleteDraft item={item} /> : null}
        </>
      ) : null}
    </>
  );
}

/** The message as one volunteer in a chosen language gets it: subject, then the mail itself in a frame that cannot run anything. */
function CampaignPreview({
  item,
  languages,
  dirty,
  persist,
}: {
  item: CampaignView;
  languages: string[];
  /** The form holds changes the server does not have yet: previewing saves them first. */
  dirty?: boolean;
  persist?: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const languageName = useLanguageName();
  const [language, setLanguage] = useState(languages[0] ?? "");
  const chosen = languages.includes(language) ? language : (languages[0] ?? "");
  const preview = useMutation({
    mutationFn: async () => {
      if (dirty && persist) await persist();
      return api.get<CampaignPreviewView>(`${campaignsApi(slug)}/${item.id}/preview?language=${encodeURIComponent(chosen)}`);
    },
  });
  useFocusOnChange(preview.data, "campaign-preview-result");
  return (
    <section aria-labelledby="campaign-preview" className="civitas-space-above civitas-campaign-section">
      <h2 id="campaign-preview">{t("campaigns.preview.heading")}</h2>
      <p className="usa-hint">{t("campaigns.preview.hint")}</p>
      <div className="usa-form civitas-inline-form">
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="campaign-preview-language">
            {t("campaigns.preview.language")}
          </label>
          <Select id="campaign-preview-language" value={chosen} onChange={(event) => setLanguage(event.target.value)}>
            {languages.map((code) => (
              <option key={code} value={code}>
                {languageName(code)}
              </option>
            ))}
          </Select>
        </div>
        <Button type="button" outline onClick={() => preview.mutate()} disabled={preview.isPending || !chosen}>
          {dirty && persist ? t("campaigns.preview.saveAndShow") : t("campaigns.preview.show")}
        </Button>
      </div>
      <ProblemAlert error={preview.error} />
      {preview.data ? (
        <div className="civitas-campaign-preview" id="campaign-preview-result" tabIndex={-1}>
          <h3 className="civitas-campaign-preview__heading">{t("campaigns.preview.as", { language: languageName(preview.data.language) })}</h3>
          {item.channel === "email" ? (
            <p className="civitas-campaign-preview__subject">
              <span className="civitas-campaign-preview__label">{t("campaigns.messages.subject")}: </span>
              <strong lang={preview.data.language}>{preview.data.subject}</strong>
            </p>
          ) : null}
          {preview.data.html ? (
            <>
              <MailFrame html={preview.data.html} title={t("campaigns.preview.frameTitle", { language: languageName(preview.data.language) })} />
              <details className="civitas-disclosure">
                <summary>{t("campaigns.preview.textVersion")}</summary>
                <pre className="civitas-mail-text" lang={preview.data.language}>
                  {preview.data.text}
                </pre>
              </details>
            </>
          ) : (
            <pre className="civitas-mail-text" lang={preview.data.language}>
              {preview.data.text}
            </pre>
          )}
        </div>
      ) : null}
    </section>
  );
}

const emptyDocument = "<!doctype html><html><head></head><body></body></html>";

/**
 * An email's HTML shown as a mail client shows it, in a frame that can run nothing. The frame's document
 * inherits this site's content security policy, which refuses style attributes written in markup; the
 * mail's inline styles are therefore copied in through the CSSOM, which that policy leaves alone.
 */
function MailFrame({ html, title }: { html: string; title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    const target = frame.current?.contentDocument;
    if (!loaded || !target) return;
    // Renamed before parsing: even an unrendered document parsed here would apply the policy to them.
    const source = new DOMParser().parseFromString(html.replace(/(<[^<>]*?\s)style=/gi, "$1data-mail-style="), "text/html");
    // Scripts never run in the frame (sandbox), and none are copied into it either.
    for (const element of source.querySelectorAll("script, iframe, object, embed")) element.remove();
    target.documentElement.lang = source.documentElement.lang;
    target.body.replaceChildren(...[...source.body.childNodes].map((node) => target.importNode(node, true)));
    for (const element of [target.body, ...target.body.querySelectorAll("[data-mail-style]")]) {
      const style = (element === target.body ? source.body : element).getAttribute("data-mail-style");
      if (style && "style" in element) (element as HTMLElement).style.cssText = style;
      element.removeAttribute("data-mail-style");
    }
    // As tall as the mail, so that the page scrolls rather than the frame.
    if (frame.current) frame.current.style.height = `${target.documentElement.scrollHeight + 4}px`;
  }, [html, loaded]);
  return (
    <iframe
      ref={frame}
      className="civitas-campaign-preview__frame"
      title={title}
      // Same origin so that this page can write into it; without allow-scripts nothing in it runs.
      sandbox="allow-same-origin"
      srcDoc={emptyDocument}
      onLoad={() => setLoaded(true)}
    />
  );
}

/** Send now or at a time on the city's clock, after a confirmation that says how many people it goes to. */
function SendSection({
  item,
  reachable,
  dirty,
  persist,
  onError,
  number,
  fieldLabels,
}: {
  item: CampaignView;
  reachable: number | undefined;
  dirty: boolean;
  persist: () => Promise<void>;
  onError: (error: unknown) => void;
  number: (value: number) => string;
  fieldLabels: Record<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const timeZone = city.data?.timeZone;
  const queryClient = useQueryClient();
  const [when, setWhen] = useState<"now" | "later">(item.status === "scheduled" ? "later" : "now");
  const tomorrow = (() => {
    const [year, month, day] = todayIn(timeZone).split("-").map(Number);
    return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + 1)).toISOString().slice(0, 10);
  })();
  const [date, setDate] = useState(() => (item.scheduledFor ? wallClockOf(item.scheduledFor, timeZone).date : ""));
  const [time, setTime] = useState(() => (item.scheduledFor ? wallClockOf(item.scheduledFor, timeZone).time : "09:00"));
  const [confirming, setConfirming] = useState(false);
  useFocusOnChange(confirming, confirming ? "campaign-send-confirm" : "campaign-send");
  const sendAt = when === "later" && date && time ? instantOf(date, time, timeZone) : null;
  const send = useMutation({
    mutationFn: async () => {
      await persist();
      return api.post<CampaignView>(`${campaignsApi(slug)}/${item.id}/send`, { sendAt });
    },
    onSuccess: async (saved) => {
      setConfirming(false);
      queryClient.setQueryData(["campaign", slug, item.id], saved);
      // The form makes way for the results: focus goes to the sentence that says where the campaign stands.
      window.requestAnimationFrame(() => document.getElementById("campaign-status-text")?.focus());
      await queryClient.invalidateQueries({ queryKey: ["campaigns", slug] });
    },
    onError: (error) => {
      setConfirming(false);
      onError(error);
    },
  });
  const count = reachable === undefined ? "" : number(reachable);
  const question =
    when === "now"
      ? t("campaigns.send.confirmNow", { name: item.name, count: reachable ?? 0, formatted: count })
      : t("campaigns.send.confirmLater", {
          name: item.name,
          count: reachable ?? 0,
          formatted: count,
          when: sendAt ? formatDateTime(sendAt, i18n.language, timeZone) : "",
        });
  return (
    <section aria-labelledby="campaign-send-heading" className="civitas-space-above civitas-campaign-section">
      <h2 id="campaign-send-heading">{item.status === "scheduled" ? t("campaigns.send.rescheduleHeading") : t("campaigns.send.heading")}</h2>
      <Fieldset id="campaign-when" legend={t("campaigns.send.when")}>
        <Radio id="campaign-send-now" name="when" label={t("campaigns.send.now")} checked={when === "now"} onChange={() => setWhen("now")} />
        <Radio
          id="campaign-send-later"
          name="when"
          label={t("campaigns.send.later")}
          hint={t("campaigns.send.laterHint", { zone: timeZone ?? "" })}
          checked={when === "later"}
          onChange={() => {
            setWhen("later");
            if (!date) setDate(tomorrow);
          }}
        />
      </Fieldset>
      {when === "later" ? (
        <div className="civitas-shift-form__times civitas-campaign-schedule">
          <TextField
            id="campaign-send-date"
            name="sendAt"
            type="date"
            label={t("campaigns.send.date")}
            min={todayIn(timeZone)}
            value={date}
            onChange={(event) => setDate(event.target.value)}
            error={send.error}
            required
          />
          <TextField
            id="campaign-send-time"
            name="sendTime"
            type="time"
            label={t("campaigns.send.time", { zone: timeZone ?? "" })}
            value={time}
            onChange={(event) => setTime(event.target.value)}
            error={send.error}
            required
          />
        </div>
      ) : null}
      <ProblemAlert error={send.error} fieldLabels={fieldLabels} />
      {confirming ? (
        <ConfirmPanel
          id="campaign-send"
          question={question}
          confirmLabel={when === "now" ? t("campaigns.send.confirmNowButton") : t("campaigns.send.confirmLaterButton")}
          backLabel={t("common.cancel")}
          pending={send.isPending}
          onConfirm={() => send.mutate()}
          onBack={() => setConfirming(false)}
        >
          {dirty ? <p>{t("campaigns.send.savesFirst")}</p> : null}
        </ConfirmPanel>
      ) : (
        <Button id="campaign-send" type="button" onClick={() => setConfirming(true)} disabled={when === "later" && (!date || !time)}>
          {when === "now" ? t("campaigns.send.sendNow") : t("campaigns.send.schedule")}
        </Button>
      )}
    </section>
  );
}

function DeleteDraft({ item }: { item: CampaignView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  useFocusOnChange(confirming, confirming ? "campaign-delete-confirm" : "campaign-delete");
  const remove = useMutation({
    mutationFn: () => api.delete(`${campaignsApi(slug)}/${item.id}`),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: ["campaign", slug, item.id] });
      await queryClient.invalidateQueries({ queryKey: ["campaigns", slug] });
      navigate(`/${slug}/admin/campaigns`, { state: { deleted: item.name } });
    },
  });
  return (
    <section aria-labelledby="campaign-delete-heading" className="civitas-space-above civitas-campaign-section">
      <h2 id="campaign-delete-heading">{t("campaigns.delete.heading")}</h2>
      <ProblemAlert error={remove.error} />
      {confirming ? (
        <ConfirmPanel
          id="campaign-delete"
          question={t("campaigns.delete.question", { name: item.name })}
          confirmLabel={t("campaigns.delete.confirm")}
          backLabel={t("common.cancel")}
          secondary
          pending={remove.isPending}
          onConfirm={() => remove.mutate()}
          onBack={() => setConfirming(false)}
        />
      ) : (
        <Button id="campaign-delete" type="button" unstyled className="civitas-danger-link" onClick={() => setConfirming(true)}>
          {t("campaigns.delete.button")}
        </Button>
      )}
    </section>
  );
}

/** A campaign that can no longer change: who it was for and what it said. */
function WhatWasSent({ item }: { item: CampaignView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const languageName = useLanguageName();
  return (
    <>
      <section aria-labelledby="campaign-sent-message" className="civitas-space-above civitas-campaign-section">
        <h2 id="campaign-sent-message">{t("campaigns.editor.messageAndAudience")}</h2>
        <dl className="civitas-facts">
          <dt>{t("campaigns.fields.channel")}</dt>
          <dd>{t(`campaigns.channel.${item.channel}`)}</dd>
          <dt>{t("campaigns.fields.opportunity")}</dt>
          <dd>
            {item.opportunity ? (
              <Link to={`/${slug}/opportunities/${item.opportunity.id}`}>{item.opportunity.title}</Link>
            ) : (
              t("campaigns.editor.noOpportunity")
            )}
          </dd>
          <dt>{t("campaigns.editor.audienceHeading")}</dt>
          <dd>
            <AudienceSummary item={item} />
          </dd>
        </dl>
        {item.messages.map((message) => (
          <div key={message.language} className="civitas-campaign-sent-message">
            <h3>{t("campaigns.messages.legend", { language: languageName(message.language) })}</h3>
            {message.subject ? (
              <p className="civitas-campaign-preview__subject">
                <span className="civitas-campaign-preview__label">{t("campaigns.messages.subject")}: </span>
                <strong lang={message.language}>{message.subject}</strong>
              </p>
            ) : null}
            <p className="civitas-description" lang={message.language}>
              {message.body}
            </p>
          </div>
        ))}
      </section>
      <CampaignPreview item={item} languages={item.messages.map((message) => message.language)} />
    </>
  );
}

/** The filters in words: "Speaks Spanish · free Saturday morning". */
function AudienceSummary({ item }: { item: CampaignView }) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const audience = item.audience;
  const parts = [
    audience.skillIds.length > 0 ? t("campaigns.audience.summary.skills", { count: audience.skillIds.length }) : "",
    audience.languages.length > 0 ? t("campaigns.audience.summary.languages", { languages: audience.languages.map(languageName).join(", ") }) : "",
    audience.neighbourhoods.length > 0 ? t("campaigns.audience.summary.neighbourhoods", { names: audience.neighbourhoods.join(", ") }) : "",
    audience.near ? t("campaigns.audience.withinKm", { radius: audience.near.radiusKm }) : "",
    audience.availability.length > 0 ? t("campaigns.audience.summary.availability", { count: audience.availability.length }) : "",
    audience.credentialTypeIds.length > 0 ? t("campaigns.audience.summary.credentials", { count: audience.credentialTypeIds.length }) : "",
    audience.attendedWithinDays !== null ? t("campaigns.audience.withinDays", { count: audience.attendedWithinDays }) : "",
    audience.groupIds.length > 0 ? t("campaigns.audience.summary.groups", { count: audience.groupIds.length }) : "",
  ].filter(Boolean);
  return <>{parts.length > 0 ? parts.join(" · ") : t("campaigns.audience.summary.everyone")}</>;
}

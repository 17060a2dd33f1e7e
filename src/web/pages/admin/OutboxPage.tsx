import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { outboxList } from "../../../contracts/outbox.ts";
import { api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { TextField } from "../../components/Fields.tsx";
import { formatDateTime } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, Form } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "./AdminBreadcrumb.tsx";

type OutboxList = z.infer<typeof outboxList>;

/** Turns the addresses in a plain-text message into links, leaving everything else as text. */
function TextWithLinks({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <pre className="civitas-mail-text" translate="no">
      {parts.map((part, index) =>
        /^https?:\/\//.test(part) ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one message never reorder
          <a key={index} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}

/** Mail kept for this city when no SMTP server is configured. */
export default function OutboxPage() {
  const { t, i18n } = useTranslation();
  const city = useCitySlug();
  const cityDetails = useCity(city);
  const [recipient, setRecipient] = useState("");
  const [filter, setFilter] = useState("");
  const outbox = useQuery({
    queryKey: ["outbox", city, filter],
    queryFn: () => api.get<OutboxList>(`${cityApi(city)}/outbox?limit=100${filter ? `&recipient=${encodeURIComponent(filter)}` : ""}`),
  });
  return (
    <RequireAccess roles={["city_admin"]}>
      <AdminBreadcrumb current={t("outbox.title")} />
      <PageHeading>{t("outbox.title")}</PageHeading>
      <p>{t("outbox.intro")}</p>
      {outbox.data?.transport === "smtp" ? (
        <Alert type="info" headingLevel="h2" slim>
          {t("outbox.smtpConfigured")}
        </Alert>
      ) : null}
      <Form
        className="civitas-inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter(recipient.trim());
        }}
      >
        <TextField
          id="outbox-recipient"
          name="recipient"
          type="email"
          label={t("outbox.filterLabel")}
          value={recipient}
          onChange={(event) => setRecipient(event.target.value)}
        />
        <Button type="submit">{t("common.filter")}</Button>
      </Form>
      {outbox.isPending ? <Loading /> : null}
      <ProblemAlert error={outbox.error} />
      {outbox.data && outbox.data.messages.length === 0 ? <p>{t("outbox.empty")}</p> : null}
      <ul className="usa-list usa-list--unstyled civitas-outbox">
        {outbox.data?.messages.map((message) => (
          <li key={message.id} className="civitas-outbox__message">
            <details>
              <summary>
                <strong translate="no">{message.subject}</strong>
                <span className="civitas-outbox__meta">
                  {t("outbox.to", { recipient: message.recipient })} · {formatDateTime(message.createdAt, i18n.language, cityDetails.data?.timeZone)} ·{" "}
                  {t(`outbox.kinds.${message.kind}`, { defaultValue: message.kind })}
                </span>
              </summary>
              <TextWithLinks text={message.textBody} />
              {message.attachments.length > 0 ? (
                <p>
                  {t("outbox.attachments")}: {message.attachments.map((attachment) => attachment.filename).join(", ")}
                </p>
              ) : null}
            </details>
          </li>
        ))}
      </ul>
    </RequireAccess>
  );
}

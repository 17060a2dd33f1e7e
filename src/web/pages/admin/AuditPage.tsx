import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { auditList } from "../../../contracts/audit.ts";
import { api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { TextField } from "../../components/Fields.tsx";
import { formatDateTime } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Button, Form, Table } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "./AdminBreadcrumb.tsx";

type AuditList = z.infer<typeof auditList>;

/** The fields that differ between the record before and after, as "field: old → new". */
export function describeChanges(before: unknown, after: unknown): string[] {
  const left = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const right = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const ignored = new Set(["updatedAt", "createdAt"]);
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].filter((key) => !ignored.has(key));
  const show = (value: unknown) => (value === undefined || value === null ? "—" : typeof value === "object" ? JSON.stringify(value) : String(value));
  return keys
    .filter((key) => JSON.stringify(left[key]) !== JSON.stringify(right[key]))
    .map((key) => (before && after ? `${key}: ${show(left[key])} → ${show(right[key])}` : `${key}: ${show(after ? right[key] : left[key])}`));
}

/** Every privileged action in this city: who, what, when, and what changed. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const city = useCitySlug();
  const cityDetails = useCity(city);
  const [action, setAction] = useState("");
  const [filter, setFilter] = useState("");
  const events = useInfiniteQuery({
    queryKey: ["audit", city, filter],
    initialPageParam: "",
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: "50" });
      if (pageParam) query.set("before", pageParam);
      if (filter) query.set("action", filter);
      return api.get<AuditList>(`${cityApi(city)}/audit-events?${query}`);
    },
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });
  const rows = events.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <RequireAccess roles={["city_admin"]}>
      <AdminBreadcrumb current={t("audit.title")} />
      <PageHeading>{t("audit.title")}</PageHeading>
      <p>{t("audit.intro")}</p>
      <Form
        className="civitas-inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter(action.trim());
        }}
      >
        <TextField
          id="audit-action"
          name="action"
          label={t("audit.filterLabel")}
          hint={t("audit.filterHint")}
          value={action}
          onChange={(event) => setAction(event.target.value)}
        />
        <Button type="submit">{t("common.filter")}</Button>
      </Form>
      {events.isPending ? <Loading /> : null}
      <ProblemAlert error={events.error} />
      {events.data && rows.length === 0 ? <p>{t("audit.empty")}</p> : null}
      {rows.length > 0 ? (
        <Table stacked caption={t("audit.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.who")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("audit.changes")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((event) => (
              <tr key={event.id}>
                <td data-label={t("audit.when")}>{formatDateTime(event.createdAt, i18n.language, cityDetails.data?.timeZone)}</td>
                <td data-label={t("audit.who")}>{event.actor === "system" ? t("audit.system") : event.actor}</td>
                <th scope="row" data-label={t("audit.action")}>
                  <code>{event.action}</code>
                </th>
                <td data-label={t("audit.changes")}>
                  <ul className="usa-list usa-list--unstyled civitas-changes" translate="no">
                    {describeChanges(event.before, event.after).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {events.hasNextPage ? (
        <Button type="button" outline onClick={() => events.fetchNextPage()} disabled={events.isFetchingNextPage}>
          {t("audit.older")}
        </Button>
      ) : null}
    </RequireAccess>
  );
}

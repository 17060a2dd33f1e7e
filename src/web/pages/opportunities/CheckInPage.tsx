import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams, useSearchParams } from "react-router";
import { api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { formatMinutes, formatShiftRange, formatTime } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Alert, Button } from "../../components/uswds.tsx";
import { useMe } from "../../session.ts";
import { useMySignups } from "./my-signups.ts";
import { useLocale } from "./parts.tsx";

/**
 * What the site's QR code opens on a volunteer's phone: one big button, "I've arrived", then
 * "I'm leaving". The same request does both; the server knows which scan this is.
 */

interface PublicShift {
  id: string;
  startsAt: string;
  endsAt: string;
  status: "scheduled" | "cancelled";
  opportunity: { id: string; title: string };
}

/** Which shift the code belongs to, so people know they scanned the right one before anything else. */
function ShiftNamed({ shift, timeZone }: { shift: PublicShift | undefined; timeZone: string | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!shift || !timeZone) return null;
  return (
    <>
      <p className="usa-intro">
        <strong>{shift.opportunity.title}</strong>
        <span className="civitas-block-note">{formatShiftRange(shift.startsAt, shift.endsAt, locale, timeZone)}</span>
      </p>
      {shift.status === "cancelled" ? (
        <Alert type="warning" headingLevel="h2" slim>
          {t("myShifts.status.shiftCancelled")}
        </Alert>
      ) : null}
    </>
  );
}

interface CheckInResult {
  checkedInAt: string | null;
  checkedOutAt: string | null;
  minutes: number | null;
}

export default function CheckInPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const { shiftId = "" } = useParams();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const location = useLocation();
  const city = useCity(slug);
  const me = useMe();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const signedIn = !!me.data?.user;
  const mine = useMySignups(slug, signedIn);
  const shift = useQuery({
    queryKey: ["shift", slug, shiftId],
    queryFn: () => api.get<PublicShift>(`${cityApi(slug)}/shifts/${encodeURIComponent(shiftId)}`),
    enabled: !!shiftId,
    retry: false,
  });
  const scan = useMutation({
    mutationFn: () => api.post<CheckInResult>(`${cityApi(slug)}/shifts/${encodeURIComponent(shiftId)}/check-in`, { token }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["mySignups", slug] }),
  });

  if (me.isPending || city.isPending) return <Loading />;
  const timeZone = city.data?.timeZone;

  if (!signedIn) {
    return (
      <>
        <PageHeading>{t("shifts.checkIn.title")}</PageHeading>
        <ShiftNamed shift={shift.data} timeZone={city.data?.timeZone} />
        <p>{t("shifts.checkIn.intro")}</p>
        <p>{t("shifts.checkIn.signInFirst")}</p>
        <Link className="usa-button usa-button--big" to={`/${slug}/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}>
          {t("shifts.checkIn.signIn")}
        </Link>
      </>
    );
  }

  const place = [...(mine.data?.upcoming ?? []), ...(mine.data?.past ?? [])].find((signup) => signup.shift.id === shiftId && signup.status !== "cancelled");
  const checkedInAt = scan.data?.checkedInAt ?? place?.checkedInAt ?? null;
  const checkedOutAt = scan.data?.checkedOutAt ?? place?.checkedOutAt ?? null;
  const minutes = scan.data?.minutes ?? place?.hours?.minutes ?? null;
  const done = !!checkedInAt && !!checkedOutAt;

  return (
    <>
      <PageHeading>{t("shifts.checkIn.title")}</PageHeading>
      <ShiftNamed shift={shift.data ?? (place ? { ...place.shift, opportunity: place.opportunity } : undefined)} timeZone={timeZone} />
      <p>{t("shifts.checkIn.explain")}</p>
      {mine.data && !place && !scan.data ? (
        <Alert type="warning" headingLevel="h2" slim>
          {t("shifts.checkIn.noPlace")}
        </Alert>
      ) : null}
      {!token ? (
        <Alert type="error" headingLevel="h2" heading={t("shifts.checkIn.noTokenHeading")}>
          {t("shifts.checkIn.noToken")}
        </Alert>
      ) : null}

      <div role="status" className="civitas-check-in__status">
        {checkedInAt && timeZone ? (
          <Alert type="success" headingLevel="h2" slim>
            {done
              ? t("shifts.checkIn.leftAt", { from: formatTime(checkedInAt, locale, timeZone), to: formatTime(checkedOutAt ?? checkedInAt, locale, timeZone) })
              : t("shifts.checkIn.arrivedAt", { time: formatTime(checkedInAt, locale, timeZone) })}
            {done && minutes !== null && minutes > 0 ? ` ${t("shifts.checkIn.minutes", { time: formatMinutes(minutes, locale) })}` : null}
            {done ? ` ${t("shifts.checkIn.thanks")}` : null}
          </Alert>
        ) : null}
      </div>
      <ProblemAlert error={scan.error} />

      {token && !done ? (
        <Button type="button" big className="civitas-check-in__button" onClick={() => scan.mutate()} disabled={scan.isPending || mine.isPending}>
          {checkedInAt ? t("shifts.checkIn.leaving") : t("shifts.checkIn.arrived")}
        </Button>
      ) : null}
      <p className="civitas-space-above">
        <Link to={`/${slug}/my-shifts`}>{t("shifts.checkIn.toMyShifts")}</Link>
      </p>
    </>
  );
}

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import type { OpportunityView } from "../../../contracts/opportunities.ts";
import { ApiProblem, api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { TextField } from "../../components/Fields.tsx";
import { formatShiftRange } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Alert, Button, ButtonGroup, Form } from "../../components/uswds.tsx";
import { useMe } from "../../session.ts";
import NotFoundPage from "../platform/NotFoundPage.tsx";
import { type MySignup, type SignupResult, signUpForShift, useMySignups } from "./my-signups.ts";
import { PlacesTag, useFocusOnChange, useLanguageName, useLocale } from "./parts.tsx";

/** One opportunity: what it is, what it asks for, where, and its shifts with a one-tap sign-up. */

type Shift = OpportunityView["shifts"][number];

export default function OpportunityPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const { opportunityId = "" } = useParams();
  const city = useCity(slug);
  const me = useMe();
  const locale = useLocale();
  const languageInSentence = useLanguageName({ inSentence: true });
  const signedIn = !!me.data?.user;
  const opportunity = useQuery({
    queryKey: ["opportunity", slug, opportunityId, locale],
    queryFn: () => api.get<OpportunityView>(`${cityApi(slug)}/opportunities/${encodeURIComponent(opportunityId)}`),
    enabled: city.isSuccess,
  });
  const mine = useMySignups(slug, signedIn);

  if (city.isPending || opportunity.isPending) return city.error ? <NotFoundPage /> : <Loading />;
  if (opportunity.error instanceof ApiProblem && (opportunity.error.status === 404 || opportunity.error.status === 400)) return <NotFoundPage />;
  if (opportunity.error || !city.data) {
    return (
      <>
        <PageHeading>{t("opportunities.detail.unavailable")}</PageHeading>
        <ProblemAlert error={opportunity.error} />
      </>
    );
  }
  const item = opportunity.data;
  const timeZone = city.data.timeZone;
  const list = (values: string[]) => new Intl.ListFormat(locale, { type: "conjunction" }).format(values);
  const upcoming = item.shifts.filter((shift) => new Date(shift.endsAt).getTime() > Date.now());
  const hasRequirements = item.requiredSkills.length + item.requiredLanguages.length + item.requiredCredentials.length > 0 || item.minimumAge !== null;

  return (
    <>
      <p className="civitas-back-link">
        <Link to={`/${slug}/opportunities`}>{t("opportunities.detail.back")}</Link>
      </p>
      <PageHeading>{item.title}</PageHeading>
      <p className="civitas-card-agency">
        {item.group ? <Link to={`/${slug}/groups/${item.group.slug}`}>{item.group.name}</Link> : item.agency?.name}
        {item.cause ? ` · ${item.cause.name}` : ""}
      </p>
      {item.status !== "published" ? (
        <Alert type="info" headingLevel="h2" slim>
          {t(`opportunities.detail.notPublished.${item.status}`)}
        </Alert>
      ) : null}
      <p className="civitas-lead">{item.summary}</p>
      {item.description ? <div className="civitas-description">{item.description}</div> : null}

      <div className="grid-row grid-gap">
        <section className="tablet:grid-col-6" aria-labelledby="opportunity-needs">
          <h2 id="opportunity-needs">{t("opportunities.detail.needsHeading")}</h2>
          {hasRequirements ? (
            <ul className="usa-list">
              {item.requiredSkills.length > 0 ? (
                <li>{t("opportunities.detail.skills", { skills: list(item.requiredSkills.map((skill) => skill.name)) })}</li>
              ) : null}
              {item.requiredLanguages.length > 0 ? (
                <li>{t("opportunities.detail.languages", { languages: list(item.requiredLanguages.map(languageInSentence)) })}</li>
              ) : null}
              {item.minimumAge !== null ? <li>{t("opportunities.detail.minimumAge", { age: item.minimumAge })}</li> : null}
              {item.requiredCredentials.length > 0 ? (
                <li>{t("opportunities.detail.credentials", { credentials: list(item.requiredCredentials.map((credential) => credential.name)) })}</li>
              ) : null}
            </ul>
          ) : (
            <p>{t("opportunities.detail.noRequirements")}</p>
          )}
        </section>
        <section className="tablet:grid-col-6" aria-labelledby="opportunity-where">
          <h2 id="opportunity-where">{t("opportunities.detail.whereHeading")}</h2>
          {item.locationKind === "remote" ? (
            <p>{t("opportunities.detail.remote")}</p>
          ) : (
            <address className="civitas-address">
              {item.address}
              {item.neighbourhood ? <span className="civitas-block-note">{item.neighbourhood}</span> : null}
            </address>
          )}
        </section>
      </div>

      <section aria-labelledby="opportunity-shifts">
        <h2 id="opportunity-shifts">{t("opportunities.detail.shiftsHeading")}</h2>
        {upcoming.length === 0 ? (
          <p>
            {item.locationKind === "remote" ? t("opportunities.detail.noShiftsRemote") : t("opportunities.detail.noShifts")}
            {item.locationKind === "remote" && signedIn ? (
              <>
                {" "}
                <Link to={`/${slug}/my-shifts#report-hours`}>{t("opportunities.detail.reportHoursLink")}</Link>
              </>
            ) : null}
          </p>
        ) : (
          <ul className="usa-list usa-list--unstyled civitas-shift-list">
            {upcoming.map((shift) => (
              <ShiftItem
                key={shift.id}
                shift={shift}
                opportunityId={item.id}
                timeZone={timeZone}
                signedIn={signedIn}
                held={mine.data?.upcoming.find((signup) => signup.shift.id === shift.id && signup.status !== "cancelled")}
                mineReady={!signedIn || !mine.isPending}
                bookable={item.status === "published"}
              />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function ShiftItem({
  shift,
  opportunityId,
  timeZone,
  signedIn,
  held,
  mineReady,
  bookable,
}: {
  shift: Shift;
  opportunityId: string;
  timeZone: string;
  signedIn: boolean;
  held: MySignup | undefined;
  mineReady: boolean;
  bookable: boolean;
}) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const locale = useLocale();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [guestFormOpen, setGuestFormOpen] = useState(false);
  const [guest, setGuest] = useState({ name: "", email: "" });
  const [confirmingGiveUp, setConfirmingGiveUp] = useState(false);
  const headingId = `shift-${shift.id}`;
  const when = formatShiftRange(shift.startsAt, shift.endsAt, locale, timeZone);
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ["opportunity", slug, opportunityId] }),
      queryClient.invalidateQueries({ queryKey: ["mySignups", slug] }),
    ]);
  };
  const signUp = useMutation({ mutationFn: () => signUpForShift(slug, shift.id), onSuccess: refresh });
  const guestSignUp = useMutation({
    mutationFn: () =>
      api.post<{ status: SignupResult["status"]; waitlistPosition: number | null; email: string }>(`${cityApi(slug)}/shifts/${shift.id}/guest-signups`, guest),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["opportunity", slug, opportunityId] }),
  });
  const giveUp = useMutation({
    mutationFn: (signupId: string) => api.delete(`${cityApi(slug)}/signups/${signupId}`),
    onSuccess: async () => {
      setConfirmingGiveUp(false);
      signUp.reset();
      await refresh();
    },
  });
  const cancelled = shift.status === "cancelled";
  const full = shift.placesLeft <= 0;
  const canJoin = bookable && !cancelled && (!full || shift.waitlistEnabled);
  const actionLabel = full ? t("shifts.joinWaitlist") : t("shifts.signUp");
  const guestDone = guestSignUp.data;
  // The place just taken shows at once; the person's list of places catches up a moment later.
  const just = signUp.data;
  const place = held ?? (just && just.status !== "cancelled" ? { id: just.id, status: just.status, waitlistPosition: just.waitlistPosition } : undefined);

  useFocusOnChange(guestFormOpen, guestFormOpen ? `guest-name-${shift.id}` : null);
  useFocusOnChange(confirmingGiveUp, confirmingGiveUp ? `give-up-confirm-${shift.id}` : `give-up-${shift.id}`);
  // After a tap (not when the person's places arrive), the answer takes focus.
  useFocusOnChange(signUp.isSuccess, signUp.isSuccess ? `place-${shift.id}` : null);
  const gaveUp = giveUp.isSuccess && !place;
  useFocusOnChange(gaveUp, gaveUp ? `shift-result-${shift.id}` : null);

  let placeMessage = "";
  if (place) {
    const position = place.waitlistPosition ?? 1;
    if (just?.alreadyHeld) placeMessage = place.status === "confirmed" ? t("shifts.alreadyHeld") : t("shifts.alreadyWaiting", { position });
    else if (just) placeMessage = place.status === "confirmed" ? t("shifts.signedUp") : t("shifts.waitlisted", { position });
    else placeMessage = place.status === "confirmed" ? t("shifts.youHaveAPlace") : t("shifts.youAreWaiting", { position });
  }

  return (
    <li className="civitas-shift" aria-labelledby={headingId}>
      <h3 id={headingId} className="civitas-shift__when">
        {when}
      </h3>
      <p className="civitas-shift__places">
        <PlacesTag placesLeft={shift.placesLeft} waitlistOpen={shift.waitlistEnabled} cancelled={cancelled} />
        {!cancelled && shift.waitlistCount > 0 ? ` ${t("shifts.waiting", { count: shift.waitlistCount })}` : null}
      </p>
      {shift.note ? <p className="civitas-shift__note">{shift.note}</p> : null}

      {place ? (
        <div className="civitas-shift__held" id={`place-${shift.id}`} tabIndex={-1}>
          <Alert type={place.status === "confirmed" ? "success" : "info"} headingLevel="h4" slim role="status">
            {placeMessage}
          </Alert>
          {confirmingGiveUp ? (
            <div className="civitas-confirm">
              <p>{place.status === "confirmed" ? t("shifts.giveUpQuestion") : t("shifts.leaveWaitlistQuestion")}</p>
              <ButtonGroup>
                <Button id={`give-up-confirm-${shift.id}`} type="button" secondary onClick={() => giveUp.mutate(place.id)} disabled={giveUp.isPending}>
                  {place.status === "confirmed" ? t("shifts.giveUpConfirm") : t("shifts.leaveWaitlistConfirm")}
                </Button>
                <Button type="button" outline onClick={() => setConfirmingGiveUp(false)}>
                  {t("shifts.keepPlace")}
                </Button>
              </ButtonGroup>
            </div>
          ) : (
            <Button id={`give-up-${shift.id}`} type="button" outline onClick={() => setConfirmingGiveUp(true)}>
              {place.status === "confirmed" ? t("shifts.giveUp") : t("shifts.leaveWaitlist")}
              <span className="usa-sr-only"> – {when}</span>
            </Button>
          )}
          <ProblemAlert error={giveUp.error} />
        </div>
      ) : giveUp.isSuccess ? (
        <Alert id={`shift-result-${shift.id}`} tabIndex={-1} type="info" headingLevel="h4" slim role="status">
          {t("shifts.gaveUp")}
        </Alert>
      ) : null}

      {!place && signedIn && canJoin ? (
        <>
          <Button type="button" onClick={() => signUp.mutate()} disabled={signUp.isPending || !mineReady}>
            {actionLabel}
            <span className="usa-sr-only"> – {when}</span>
          </Button>
          <ProblemAlert error={signUp.error} />
          {signUp.error instanceof ApiProblem && signUp.error.code === "requirements-not-met" ? (
            <p>
              <Link to={`/${slug}/volunteer`}>{t("shifts.updateProfile")}</Link>
            </p>
          ) : null}
        </>
      ) : null}

      {!place && !signedIn && canJoin && !guestDone ? (
        guestFormOpen ? (
          <Form
            className="civitas-guest-form"
            onSubmit={(event) => {
              event.preventDefault();
              guestSignUp.mutate();
            }}
          >
            <p className="civitas-guest-form__intro">{t("shifts.guest.intro")}</p>
            <ProblemAlert error={guestSignUp.error} fieldLabels={{ name: t("fields.name"), email: t("fields.email") }} />
            <TextField
              id={`guest-name-${shift.id}`}
              name="name"
              label={t("fields.name")}
              autoComplete="name"
              value={guest.name}
              onChange={(event) => setGuest({ ...guest, name: event.target.value })}
              error={guestSignUp.error}
              required
              maxLength={120}
            />
            <TextField
              id={`guest-email-${shift.id}`}
              name="email"
              type="email"
              label={t("fields.email")}
              hint={t("shifts.guest.emailHint")}
              autoComplete="email"
              value={guest.email}
              onChange={(event) => setGuest({ ...guest, email: event.target.value })}
              error={guestSignUp.error}
              required
            />
            <Button type="submit" disabled={guestSignUp.isPending}>
              {full ? t("shifts.guest.submitWaitlist") : t("shifts.guest.submit")}
            </Button>
            <p>
              {t("shifts.guest.haveAccount")} <Link to={`/${slug}/sign-in?next=${encodeURIComponent(location.pathname)}`}>{t("shifts.guest.signIn")}</Link>
            </p>
          </Form>
        ) : (
          <Button type="button" onClick={() => setGuestFormOpen(true)}>
            {actionLabel}
            <span className="usa-sr-only"> – {when}</span>
          </Button>
        )
      ) : null}

      {guestDone ? (
        <Alert
          type={guestDone.status === "confirmed" ? "success" : "info"}
          headingLevel="h4"
          heading={guestDone.status === "confirmed" ? t("shifts.guest.confirmedHeading") : t("shifts.guest.waitlistedHeading")}
          role="status"
        >
          {guestDone.status === "waitlisted" ? <p>{t("shifts.waitlisted", { position: guestDone.waitlistPosition ?? 1 })}</p> : null}
          <p>{t("shifts.guest.checkMail", { email: guestDone.email })}</p>
        </Alert>
      ) : null}

      {!place && !cancelled && bookable && !canJoin ? <p>{t("shifts.fullNoWaitlist")}</p> : null}
    </li>
  );
}

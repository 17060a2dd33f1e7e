import rateLimit from "@fastify/rate-limit";
import { eq } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type pg from "pg";
import QRCode from "qrcode";
import { z } from "zod";
import {
  createOpportunityRequest,
  listingQuery,
  listingResponse,
  opportunity,
  opportunityPath,
  recommendations,
  staffOpportunityList,
  staffOpportunityQuery,
  suggestedVolunteers,
  updateOpportunityRequest,
} from "../../../contracts/opportunities.ts";
import { cityPath } from "../../../contracts/platform.ts";
import {
  attendanceRequest,
  cancelShiftRequest,
  checkInCode,
  checkInRequest,
  checkInResult,
  createShiftRequest,
  guestSignupRequest,
  guestSignupResult,
  hoursList,
  hoursPath,
  hoursQuery,
  myHours as myHoursResponse,
  mySignups as mySignupsResponse,
  publicShift,
  rejectHoursRequest,
  reportHoursRequest,
  roster,
  shiftPath,
  shiftSettings,
  signupPath,
  signupResult,
  updateShiftRequest,
  walkInRequest,
} from "../../../contracts/shifts.ts";
import type { Database } from "../../db/connection.ts";
import { type Auth, resolveActor, type SessionResolver } from "../../platform/auth/index.ts";
import { NotFoundError } from "../../platform/errors/index.ts";
import { localeOfRequest } from "../../platform/i18n/index.ts";
import { contextOf } from "../../platform/operation.ts";
import { authorize, can, loadMembership } from "../../platform/policy/index.ts";
import { actorOf, cities, cityOf, membershipOf } from "../../platform/tenancy/index.ts";
import { checkInToken, checkInWindow, markAttendance, scanCheckInCode } from "./attendance.ts";
import { calendarOf } from "./calendar.ts";
import { cancelSignup } from "./cancel-signup.ts";
import { explainRefusal } from "./explain-refusal.ts";
import { findOpportunity, presentOpportunity } from "./find-opportunity.ts";
import { signUpAsGuest } from "./guest-signup.ts";
import { hostOf, hostScopeOf } from "./hosts.ts";
import { hoursCsv, listHours, myHours, reportRemoteHours, reviewHours } from "./hours.ts";
import { listOpportunities } from "./list-opportunities.ts";
import { listStaffOpportunities } from "./list-staff-opportunities.ts";
import { cancelShift, createShift, updateShift } from "./manage-shifts.ts";
import { recommendOpportunities, suggestVolunteers } from "./matching.ts";
import { calendarFeedEntries, mySignups } from "./my-signups.ts";
import { addWalkIn, loadRoster, rosterCsv, shiftWithOpportunity } from "./roster.ts";
import { changeOpportunityStatus, createOpportunity, updateOpportunity } from "./save-opportunity.ts";
import { opportunities } from "./schema.ts";
import { readShiftSettings, saveShiftSettings } from "./shift-settings.ts";
import { signUpForShift } from "./sign-up-for-shift.ts";
import { waitlistPosition } from "./waitlist.ts";

export interface OpportunityRouteDependencies {
  db: Database;
  sessions: SessionResolver;
  /** The pool itself, for the prepared sign-up statement. */
  pool: pg.Pool;
  auth: Auth;
  publicUrl: string;
  signingKey: Buffer;
  /** Asks the job runner to send the notices just written (debounced). */
  noticesWritten: () => void;
}

export function registerOpportunityRoutes(app: FastifyInstance, deps: OpportunityRouteDependencies): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["opportunities"];
  const shiftTags = ["shifts"];
  const staffCtx = (request: FastifyRequest) => ({ ...contextOf(request, deps.db), membership: membershipOf(request) });
  const locale = (request: FastifyRequest) => localeOfRequest(request);

  // ——— The public listing and an opportunity's page ———

  routes.get("/api/v1/cities/:city/opportunities", {
    schema: {
      tags,
      summary: "Published opportunities with shifts to come, soonest first (public)",
      params: cityPath,
      querystring: listingQuery,
      response: { 200: listingResponse, 304: z.undefined() },
    },
    config: { access: "public" },
    handler: async (request, reply) => {
      const listing = await listOpportunities(deps.db, cityOf(request), request.query, locale(request));
      reply.header("etag", listing.etag).header("cache-control", "public, max-age=5").header("vary", "accept-language, cookie");
      if (request.headers["if-none-match"] === listing.etag) return reply.code(304).send();
      // Serialised once when the listing was built; sent as it is.
      return reply.type("application/json; charset=utf-8").send(listing.body as unknown as z.infer<typeof listingResponse>);
    },
  });

  routes.get("/api/v1/cities/:city/opportunities/:opportunityId", {
    schema: { tags, summary: "One opportunity with its shifts (drafts only for its staff)", params: opportunityPath, response: { 200: opportunity } },
    config: { access: "public" },
    handler: async (request, reply) => {
      const city = cityOf(request);
      const found = await findOpportunity(deps.db, city.id, request.params.opportunityId);
      if (!found) throw new NotFoundError("errors.opportunities.notFound");
      // Its staff see drafts, archived ones and past shifts (to mark attendance); nobody else does.
      const actor = await resolveActor(deps.sessions, request);
      const manages = !!actor && can(await loadMembership(deps.db, city.id, actor), "opportunities.manage", hostOf(found));
      if (found.status !== "published" && !manages) throw new NotFoundError("errors.opportunities.notFound");
      if (manages) reply.header("cache-control", "no-store");
      return presentOpportunity(deps.db, found, locale(request), { includePastShifts: manages });
    },
  });

  // ——— Staff: opportunities ———

  routes.get("/api/v1/cities/:city/admin/opportunities", {
    schema: {
      tags,
      summary: "Opportunities the member can manage, with their shifts' fill",
      params: cityPath,
      querystring: staffOpportunityQuery,
      response: { 200: staffOpportunityList },
    },
    config: { access: "member" },
    handler: async (request) => {
      const membership = membershipOf(request);
      authorize(membership, "opportunities.manage");
      return { opportunities: await listStaffOpportunities(deps.db, cityOf(request).id, { ...request.query, hosts: hostScopeOf(membership) }) };
    },
  });

  routes.post("/api/v1/cities/:city/opportunities", {
    schema: { tags, summary: "Create an opportunity (as a draft)", params: cityPath, body: createOpportunityRequest, response: { 201: opportunity } },
    config: { access: "member" },
    handler: async (request, reply) => {
      const created = await createOpportunity(staffCtx(request), request.body);
      return reply.code(201).send(await presentOpportunity(deps.db, created, locale(request), { includePastShifts: true }));
    },
  });

  routes.patch("/api/v1/cities/:city/opportunities/:opportunityId", {
    schema: { tags, summary: "Change an opportunity", params: opportunityPath, body: updateOpportunityRequest, response: { 200: opportunity } },
    config: { access: "member" },
    handler: async (request) => {
      const updated = await updateOpportunity(staffCtx(request), request.params.opportunityId, request.body);
      return presentOpportunity(deps.db, updated, locale(request), { includePastShifts: true });
    },
  });

  for (const [verb, status] of [
    ["publish", "published"],
    ["archive", "archived"],
    ["unpublish", "draft"],
  ] as const) {
    routes.post(`/api/v1/cities/:city/opportunities/:opportunityId/${verb}`, {
      schema: { tags, summary: `${verb[0]?.toUpperCase()}${verb.slice(1)} an opportunity`, params: opportunityPath, response: { 200: opportunity } },
      config: { access: "member" },
      handler: async (request) => {
        const changed = await changeOpportunityStatus(staffCtx(request), request.params.opportunityId, status);
        return presentOpportunity(deps.db, changed, locale(request), { includePastShifts: true });
      },
    });
  }

  // ——— Staff: shifts ———

  routes.post("/api/v1/cities/:city/opportunities/:opportunityId/shifts", {
    schema: {
      tags: shiftTags,
      summary: "Add a shift; times without an offset are in the city's time zone",
      params: opportunityPath,
      body: createShiftRequest,
      response: { 201: opportunity },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      await createShift(staffCtx(request), request.params.opportunityId, request.body);
      const found = await findOpportunity(deps.db, cityOf(request).id, request.params.opportunityId);
      if (!found) throw new NotFoundError("errors.opportunities.notFound");
      return reply.code(201).send(await presentOpportunity(deps.db, found, locale(request), { includePastShifts: true }));
    },
  });

  routes.patch("/api/v1/cities/:city/shifts/:shiftId", {
    schema: {
      tags: shiftTags,
      summary: "Change a shift; everyone holding or waiting for a place is told",
      params: shiftPath,
      body: updateShiftRequest,
      response: { 200: z.object({ bumped: z.number().int(), promoted: z.number().int() }) },
    },
    config: { access: "member" },
    handler: async (request) => {
      const result = await updateShift(staffCtx(request), request.params.shiftId, request.body);
      deps.noticesWritten();
      return { bumped: result.bumped, promoted: result.promoted };
    },
  });

  routes.post("/api/v1/cities/:city/shifts/:shiftId/cancel", {
    schema: {
      tags: shiftTags,
      summary: "Cancel a shift; everyone holding or waiting for a place is told why",
      params: shiftPath,
      body: cancelShiftRequest,
      response: { 200: z.object({ told: z.number().int() }) },
    },
    config: { access: "member" },
    handler: async (request) => {
      const result = await cancelShift(staffCtx(request), request.params.shiftId, request.body.reason);
      deps.noticesWritten();
      return { told: result.told };
    },
  });

  // ——— Signing up ———

  routes.post("/api/v1/cities/:city/shifts/:shiftId/signups", {
    schema: {
      tags: shiftTags,
      summary: "Take a place on a shift (or join its waitlist) as the signed-in person",
      params: shiftPath,
      response: { 200: signupResult, 201: signupResult },
    },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const city = cityOf(request);
      try {
        const outcome = await signUpForShift(deps.pool, deps.db, {
          cityId: city.id,
          timeZone: city.timeZone,
          shiftId: request.params.shiftId,
          userId: actorOf(request).userId,
        });
        if (outcome.created) deps.noticesWritten();
        const position = outcome.status === "waitlisted" ? (outcome.waitlistPosition ?? (await waitlistPosition(deps.db, outcome.signupId))) : null;
        return reply
          .code(outcome.created ? 201 : 200)
          .send({ id: outcome.signupId, shiftId: request.params.shiftId, status: outcome.status, waitlistPosition: position });
      } catch (error) {
        throw await explainRefusal(deps.db, city, error, locale(request));
      }
    },
  });

  app.register(async (guestScope) => {
    // Anyone can take a place by name and email, so this door is rate-limited per client address.
    await guestScope.register(rateLimit, { max: 10, timeWindow: "1 minute", keyGenerator: (request) => request.ip, global: false });
    guestScope.withTypeProvider<ZodTypeProvider>().post("/api/v1/cities/:city/shifts/:shiftId/guest-signups", {
      schema: {
        tags: shiftTags,
        summary: "Take a place with a name and an email address, without an account",
        params: shiftPath,
        body: guestSignupRequest,
        response: { 201: guestSignupResult },
      },
      config: { access: "public", rateLimit: { max: 10, timeWindow: "1 minute" } },
      handler: async (request, reply) => {
        const city = cityOf(request);
        try {
          const outcome = await signUpAsGuest(deps.db, deps.pool, deps.auth, {
            cityId: city.id,
            timeZone: city.timeZone,
            shiftId: request.params.shiftId,
            name: request.body.name,
            email: request.body.email,
            locale: locale(request),
          });
          deps.noticesWritten();
          await deps.auth.api.signInMagicLink({
            body: { email: request.body.email, name: request.body.name, callbackURL: `/${city.slug}/my-shifts`, metadata: { purpose: "guest-signup" } },
            headers: new Headers({ "accept-language": locale(request), "x-civitas-client-ip": request.ip }),
          });
          const position = outcome.status === "waitlisted" ? (outcome.waitlistPosition ?? (await waitlistPosition(deps.db, outcome.signupId))) : null;
          return reply.code(201).send({ status: outcome.status, waitlistPosition: position, email: request.body.email });
        } catch (error) {
          throw await explainRefusal(deps.db, city, error, locale(request));
        }
      },
    });
  });

  routes.delete("/api/v1/cities/:city/signups/:signupId", {
    schema: {
      tags: shiftTags,
      summary: "Give up a place (yours, or as staff running the shift); the next person waiting is promoted",
      params: signupPath,
      response: { 200: z.object({ status: z.literal("cancelled"), promoted: z.number().int() }) },
    },
    config: { access: "signed-in" },
    handler: async (request) => {
      const city = cityOf(request);
      const actor = actorOf(request);
      const membership = await loadMembership(deps.db, city.id, actor);
      const result = await cancelSignup(deps.db, { cityId: city.id, signupId: request.params.signupId, actor, membership, requestId: String(request.id) });
      deps.noticesWritten();
      return result;
    },
  });

  routes.get("/api/v1/cities/:city/me/signups", {
    schema: { tags: shiftTags, summary: "Your places: upcoming and past, with hours", params: cityPath, response: { 200: mySignupsResponse } },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      reply.header("cache-control", "no-store");
      const mine = await mySignups(deps.db, cityOf(request).id, actorOf(request).userId);
      return {
        upcoming: mine.upcoming,
        past: mine.past,
        calendarUrl: mine.calendarToken ? `${deps.publicUrl}/api/v1/calendar/${mine.calendarToken}.ics` : null,
      };
    },
  });

  routes.get("/api/v1/cities/:city/me/hours", {
    schema: { tags: shiftTags, summary: "Your hours, from attendance and reported, with their review", params: cityPath, response: { 200: myHoursResponse } },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      reply.header("cache-control", "no-store");
      return { entries: await myHours(deps.db, cityOf(request).id, actorOf(request).userId) };
    },
  });

  routes.get("/api/v1/cities/:city/shifts/:shiftId", {
    schema: { tags: shiftTags, summary: "One shift of a published opportunity (public)", params: shiftPath, response: { 200: publicShift } },
    config: { access: "public" },
    handler: async (request) => {
      const { shift, opportunity: owner } = await shiftWithOpportunity(deps.db, cityOf(request).id, request.params.shiftId);
      const [details] = await deps.db.select().from(opportunities).where(eq(opportunities.id, owner.id));
      if (details?.status !== "published") throw new NotFoundError("errors.shifts.notFound");
      return {
        id: shift.id,
        startsAt: shift.startsAt.toISOString(),
        endsAt: shift.endsAt.toISOString(),
        status: shift.status,
        opportunity: { id: details.id, title: details.title, locationKind: details.locationKind, address: details.address },
      };
    },
  });

  routes.post("/api/v1/cities/:city/me/hours", {
    schema: {
      tags: shiftTags,
      summary: "Report hours of remote work, for staff to approve",
      params: cityPath,
      body: reportHoursRequest,
      response: { 201: z.object({ id: z.uuid(), status: z.literal("pending") }) },
    },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const city = cityOf(request);
      const created = await reportRemoteHours(deps.db, { cityId: city.id, timeZone: city.timeZone, userId: actorOf(request).userId, ...request.body });
      return reply.code(201).send({ id: created.id, status: "pending" as const });
    },
  });

  // ——— Check-in ———

  routes.get("/api/v1/cities/:city/shifts/:shiftId/check-in-code", {
    schema: {
      tags: shiftTags,
      summary: "The shift's check-in link and QR code, for the site lead to show",
      params: shiftPath,
      response: { 200: checkInCode.extend({ svg: z.string() }) },
    },
    config: { access: "member" },
    handler: async (request) => {
      const city = cityOf(request);
      const { shift, opportunity: owner } = await shiftWithOpportunity(deps.db, city.id, request.params.shiftId);
      authorize(membershipOf(request), "roster.manage", hostOf(owner));
      const url = `${deps.publicUrl}/${city.slug}/check-in/${shift.id}?token=${checkInToken(deps.signingKey, shift.id)}`;
      const window = checkInWindow(shift);
      const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
      return { url, svg, validFrom: window.opensAt.toISOString(), validUntil: window.closesAt.toISOString() };
    },
  });

  routes.post("/api/v1/cities/:city/shifts/:shiftId/check-in", {
    schema: {
      tags: shiftTags,
      summary: "Scan of the site's code: the first checks you in, the second out",
      params: shiftPath,
      body: checkInRequest,
      response: { 200: checkInResult },
    },
    config: { access: "signed-in" },
    handler: async (request) => {
      const city = cityOf(request);
      return scanCheckInCode(deps.db, {
        cityId: city.id,
        timeZone: city.timeZone,
        shiftId: request.params.shiftId,
        token: request.body.token,
        userId: actorOf(request).userId,
        signingKey: deps.signingKey,
      });
    },
  });

  // ——— Roster ———

  routes.get("/api/v1/cities/:city/shifts/:shiftId/roster", {
    schema: {
      tags: shiftTags,
      summary: "Who holds or waits for a place, with contact details (staff running the shift)",
      params: shiftPath,
      response: { 200: roster },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      const result = await loadRoster(deps.db, cityOf(request).id, request.params.shiftId);
      authorize(membershipOf(request), "roster.manage", hostOf(result.opportunity));
      reply.header("cache-control", "no-store");
      return result;
    },
  });

  routes.get("/api/v1/cities/:city/shifts/:shiftId/roster.csv", {
    schema: { tags: shiftTags, summary: "The roster as CSV", params: shiftPath },
    config: { access: "member" },
    handler: async (request, reply) => {
      const city = cityOf(request);
      const { opportunity: owner } = await shiftWithOpportunity(deps.db, city.id, request.params.shiftId);
      authorize(membershipOf(request), "roster.manage", hostOf(owner));
      return reply
        .header("cache-control", "no-store")
        .header("content-disposition", `attachment; filename="roster-${request.params.shiftId}.csv"`)
        .type("text/csv; charset=utf-8")
        .send(await rosterCsv(deps.db, city.id, request.params.shiftId));
    },
  });

  routes.post("/api/v1/cities/:city/signups/:signupId/attendance", {
    schema: {
      tags: shiftTags,
      summary: "Mark a volunteer present (the whole shift unless they scanned) or absent",
      params: signupPath,
      body: attendanceRequest,
      response: { 204: z.undefined() },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      const city = cityOf(request);
      const membership = membershipOf(request);
      await markAttendance(deps.db, {
        cityId: city.id,
        timeZone: city.timeZone,
        signupId: request.params.signupId,
        attended: request.body.attended,
        actor: actorOf(request),
        requestId: String(request.id),
        hostGuard: (host) => authorize(membership, "roster.manage", host),
      });
      return reply.code(204).send();
    },
  });

  routes.post("/api/v1/cities/:city/shifts/:shiftId/walk-ins", {
    schema: {
      tags: shiftTags,
      summary: "Add someone who turned up without a place",
      params: shiftPath,
      body: walkInRequest,
      response: { 201: z.object({ signupId: z.uuid() }) },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      const city = cityOf(request);
      const { opportunity: owner } = await shiftWithOpportunity(deps.db, city.id, request.params.shiftId);
      authorize(membershipOf(request), "roster.manage", hostOf(owner));
      const signup = await addWalkIn(deps.db, deps.auth, {
        cityId: city.id,
        shiftId: request.params.shiftId,
        name: request.body.name,
        email: request.body.email,
        actor: actorOf(request),
        requestId: String(request.id),
      });
      deps.noticesWritten();
      return reply.code(201).send({ signupId: signup.id });
    },
  });

  // ——— Hours ———

  routes.get("/api/v1/cities/:city/hours", {
    schema: {
      tags: shiftTags,
      summary: "Hours given, to review (staff: their agencies; DSO and admins: all)",
      params: cityPath,
      querystring: hoursQuery,
      response: { 200: hoursList },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      const membership = membershipOf(request);
      authorize(membership, "hours.review");
      reply.header("cache-control", "no-store");
      return { entries: await listHours(deps.db, cityOf(request).id, { ...request.query, hosts: hostScopeOf(membership) }) };
    },
  });

  routes.get("/api/v1/cities/:city/hours.csv", {
    schema: { tags: shiftTags, summary: "Hours as CSV", params: cityPath, querystring: hoursQuery },
    config: { access: "member" },
    handler: async (request, reply) => {
      const membership = membershipOf(request);
      authorize(membership, "hours.review");
      return reply
        .header("cache-control", "no-store")
        .header("content-disposition", 'attachment; filename="hours.csv"')
        .type("text/csv; charset=utf-8")
        .send(await hoursCsv(deps.db, cityOf(request).id, { ...request.query, hosts: hostScopeOf(membership) }));
    },
  });

  for (const decision of ["approve", "reject"] as const) {
    routes.post(`/api/v1/cities/:city/hours/:hoursId/${decision}`, {
      schema: {
        tags: shiftTags,
        summary: decision === "approve" ? "Approve hours" : "Reject hours, saying why",
        params: hoursPath,
        ...(decision === "reject" && { body: rejectHoursRequest }),
        response: { 204: z.undefined() },
      },
      config: { access: "member" },
      handler: async (request, reply) => {
        const membership = membershipOf(request);
        await reviewHours(deps.db, {
          cityId: cityOf(request).id,
          hoursId: (request.params as { hoursId: string }).hoursId,
          decision: decision === "approve" ? "approved" : "rejected",
          reason: (request.body as { reason?: string } | undefined)?.reason,
          actor: actorOf(request),
          requestId: String(request.id),
          hostGuard: (host) => authorize(membership, "hours.review", host),
        });
        return reply.code(204).send();
      },
    });
  }

  // ——— Matching ———

  routes.get("/api/v1/cities/:city/me/recommendations", {
    schema: { tags, summary: "Opportunities ranked for you, with the reasons", params: cityPath, response: { 200: recommendations } },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      reply.header("cache-control", "no-store");
      return { opportunities: await recommendOpportunities(deps.db, cityOf(request), actorOf(request).userId, { locale: locale(request) }) };
    },
  });

  routes.get("/api/v1/cities/:city/opportunities/:opportunityId/suggested-volunteers", {
    schema: {
      tags,
      summary: "Volunteers ranked for an opportunity, with the reasons (staff)",
      params: opportunityPath,
      response: { 200: suggestedVolunteers },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      const city = cityOf(request);
      const membership = membershipOf(request);
      const found = await findOpportunity(deps.db, city.id, request.params.opportunityId);
      if (!found) throw new NotFoundError("errors.opportunities.notFound");
      authorize(membership, "opportunities.manage", hostOf(found));
      const seesContacts = can(membership, "volunteers.read");
      reply.header("cache-control", "no-store");
      const ranked = await suggestVolunteers(deps.db, deps.pool, city, found, { locale: locale(request) });
      return { volunteers: ranked.map((volunteer) => ({ ...volunteer, email: seesContacts ? volunteer.email : null })) };
    },
  });

  // ——— Settings and calendar ———

  routes.get("/api/v1/cities/:city/shift-settings", {
    schema: { tags: shiftTags, summary: "When reminders go out", params: cityPath, response: { 200: shiftSettings } },
    config: { access: "member" },
    handler: async (request) => readShiftSettings(deps.db, cityOf(request).id),
  });

  routes.put("/api/v1/cities/:city/shift-settings", {
    schema: { tags: shiftTags, summary: "Set when reminders go out (city admin)", params: cityPath, body: shiftSettings, response: { 200: shiftSettings } },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "shifts.settings");
      return saveShiftSettings(contextOf(request, deps.db), request.body);
    },
  });

  routes.get("/api/v1/calendar/:token", {
    schema: {
      tags: shiftTags,
      summary: "A volunteer's private iCalendar feed (the URL is the secret)",
      params: z.object({ token: z.string().regex(/^[\w-]{20,80}\.ics$/) }),
    },
    config: { access: "public" },
    handler: async (request, reply) => {
      const token = request.params.token.replace(/\.ics$/, "");
      const feed = await calendarFeedEntries(deps.db, token);
      if (!feed) throw new NotFoundError("errors.shifts.calendarNotFound");
      const [city] = await deps.db.select({ slug: cities.slug, name: cities.name }).from(cities).where(eq(cities.id, feed.cityId));
      const events = feed.rows.map((row) => ({
        signupId: row.signup.id,
        title: row.title,
        startsAt: row.signup.startsAt,
        endsAt: row.signup.endsAt,
        location: row.locationKind === "remote" ? null : row.address,
        description: row.note,
        url: `${deps.publicUrl}/${city?.slug ?? ""}/my-shifts`,
        cancelled: row.signup.status === "cancelled" || row.shiftStatus === "cancelled",
      }));
      return reply
        .header("cache-control", "private, max-age=300")
        .type("text/calendar; charset=utf-8")
        .send(calendarOf(`Civitas · ${city?.name ?? ""}`, events, deps.publicUrl, "none"));
    },
  });
}

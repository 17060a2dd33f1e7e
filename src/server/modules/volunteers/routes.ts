import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { cityPath } from "../../../contracts/platform.ts";
import {
  causeList,
  causePath,
  cause as causeView,
  createCauseRequest,
  createCredentialTypeRequest,
  createSkillRequest,
  credentialPath,
  credentialTypeList,
  credentialTypePath,
  credentialType as credentialTypeView,
  credential as credentialView,
  importColumns,
  importResult,
  importVolunteersQuery,
  importVolunteersRequest,
  moveSkillRequest,
  myVolunteerProfile,
  recordCredentialRequest,
  skillList,
  skillPath,
  skill as skillView,
  updateCauseRequest,
  updateCredentialRequest,
  updateCredentialTypeRequest,
  updateSkillRequest,
  volunteerDetail,
  volunteerList,
  volunteerListQuery,
  volunteerPath,
  volunteerProfileRequest,
} from "../../../contracts/volunteers.ts";
import type { Database } from "../../db/connection.ts";
import { NotFoundError, RowsRejectedError, sendRowProblems } from "../../platform/errors/index.ts";
import { localeOfRequest } from "../../platform/i18n/index.ts";
import { contextOf } from "../../platform/operation.ts";
import { authorize } from "../../platform/policy/index.ts";
import { actorOf, cityOf, membershipOf } from "../../platform/tenancy/index.ts";
import { createCause } from "./create-cause.ts";
import { createCredentialType } from "./create-credential-type.ts";
import { createSkill } from "./create-skill.ts";
import { todayIn } from "./credential-dates.ts";
import { deleteCause } from "./delete-cause.ts";
import { deleteCredentialType } from "./delete-credential-type.ts";
import { deleteSkill } from "./delete-skill.ts";
import { findVolunteerProfile, presentMyProfile } from "./find-volunteer-profile.ts";
import { findVolunteer, listVolunteers, presentCredential } from "./find-volunteers.ts";
import { importVolunteers } from "./import-volunteers.ts";
import { moveSkill } from "./move-skill.ts";
import { recordCredential } from "./record-credential.ts";
import { removeCredential } from "./remove-credential.ts";
import { saveVolunteerProfile } from "./save-volunteer-profile.ts";
import {
  findCredentialType,
  listCauses,
  listCredentialTypes,
  listSkills,
  localizedName,
  presentCause,
  presentCredentialType,
  presentSkill,
} from "./taxonomy.ts";
import { updateCause } from "./update-cause.ts";
import { updateCredential } from "./update-credential.ts";
import { updateCredentialType } from "./update-credential-type.ts";
import { updateSkill } from "./update-skill.ts";

/** JSON doubles some characters of a CSV (quotes), so the body may exceed the file's own 2 MB limit. */
const importBodyLimit = 6 * 1024 * 1024;

export function registerVolunteerRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const taxonomyTags = ["taxonomy"];
  const tags = ["volunteers"];
  const noContent = { 204: z.undefined() };

  const skillsOf = async (request: FastifyRequest) => {
    const locale = localeOfRequest(request);
    return { skills: (await listSkills(deps.db, cityOf(request).id)).map((row) => presentSkill(row, locale)) };
  };
  const oneSkill = async (request: FastifyRequest, skillId: string) => {
    const found = (await skillsOf(request)).skills.find((item) => item.id === skillId);
    if (!found) throw new NotFoundError("errors.volunteers.skillNotFound");
    return found;
  };

  // Taxonomy: read by anyone (forms and filters need it), changed by city admins and DSO staff.

  routes.get("/api/v1/cities/:city/skills", {
    schema: { tags: taxonomyTags, summary: "The city's skills, as a tree read depth first", params: cityPath, response: { 200: skillList } },
    config: { access: "public" },
    handler: async (request) => skillsOf(request),
  });

  routes.post("/api/v1/cities/:city/skills", {
    schema: { tags: taxonomyTags, summary: "Add a skill (city admin, DSO staff)", params: cityPath, body: createSkillRequest, response: { 201: skillView } },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "taxonomy.manage");
      const created = await createSkill(contextOf(request, deps.db), request.body);
      return reply.code(201).send(await oneSkill(request, created.id));
    },
  });

  routes.patch("/api/v1/cities/:city/skills/:skillId", {
    schema: {
      tags: taxonomyTags,
      summary: "Rename a skill or move it under another (city admin, DSO staff)",
      params: skillPath,
      body: updateSkillRequest,
      response: { 200: skillView },
    },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "taxonomy.manage");
      await updateSkill(contextOf(request, deps.db), request.params.skillId, request.body);
      return oneSkill(request, request.params.skillId);
    },
  });

  routes.post("/api/v1/cities/:city/skills/:skillId/move", {
    schema: {
      tags: taxonomyTags,
      summary: "Move a skill one place up or down among its siblings (city admin, DSO staff)",
      params: skillPath,
      body: moveSkillRequest,
      response: { 200: skillList },
    },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "taxonomy.manage");
      await moveSkill(contextOf(request, deps.db), request.params.skillId, request.body.direction);
      return skillsOf(request);
    },
  });

  routes.delete("/api/v1/cities/:city/skills/:skillId", {
    schema: { tags: taxonomyTags, summary: "Remove a skill nobody uses and that has no sub-skills", params: skillPath, response: noContent },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "taxonomy.manage");
      await deleteSkill(contextOf(request, deps.db), request.params.skillId, localeOfRequest(request));
      return reply.code(204).send();
    },
  });

  routes.get("/api/v1/cities/:city/causes", {
    schema: { tags: taxonomyTags, summary: "The causes volunteers can choose", params: cityPath, response: { 200: causeList } },
    config: { access: "public" },
    handler: async (request) => {
      const locale = localeOfRequest(request);
      return { causes: (await listCauses(deps.db, cityOf(request).id)).map((row) => presentCause(row, locale)) };
    },
  });

  routes.post("/api/v1/cities/:city/causes", {
    schema: { tags: taxonomyTags, summary: "Add a cause (city admin, DSO staff)", params: cityPath, body: createCauseRequest, response: { 201: causeView } },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "taxonomy.manage");
      const created = await createCause(contextOf(request, deps.db), request.body);
      return reply.code(201).send(presentCause(created, localeOfRequest(request)));
    },
  });

  routes.patch("/api/v1/cities/:city/causes/:causeId", {
    schema: {
      tags: taxonomyTags,
      summary: "Change a cause (city admin, DSO staff)",
      params: causePath,
      body: updateCauseRequest,
      response: { 200: causeView },
    },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "taxonomy.manage");
      return presentCause(await updateCause(contextOf(request, deps.db), request.params.causeId, request.body), localeOfRequest(request));
    },
  });

  routes.delete("/api/v1/cities/:city/causes/:causeId", {
    schema: { tags: taxonomyTags, summary: "Remove a cause no volunteer has chosen", params: causePath, response: noContent },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "taxonomy.manage");
      await deleteCause(contextOf(request, deps.db), request.params.causeId, localeOfRequest(request));
      return reply.code(204).send();
    },
  });

  routes.get("/api/v1/cities/:city/credential-types", {
    schema: { tags: taxonomyTags, summary: "Checks and trainings the city records for volunteers", params: cityPath, response: { 200: credentialTypeList } },
    config: { access: "public" },
    handler: async (request) => {
      const locale = localeOfRequest(request);
      return { credentialTypes: (await listCredentialTypes(deps.db, cityOf(request).id)).map((row) => presentCredentialType(row, locale)) };
    },
  });

  routes.post("/api/v1/cities/:city/credential-types", {
    schema: {
      tags: taxonomyTags,
      summary: "Add a credential type (city admin, DSO staff)",
      params: cityPath,
      body: createCredentialTypeRequest,
      response: { 201: credentialTypeView },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "taxonomy.manage");
      const created = await createCredentialType(contextOf(request, deps.db), request.body);
      return reply.code(201).send(presentCredentialType(created, localeOfRequest(request)));
    },
  });

  routes.patch("/api/v1/cities/:city/credential-types/:credentialTypeId", {
    schema: {
      tags: taxonomyTags,
      summary: "Change a credential type (city admin, DSO staff)",
      params: credentialTypePath,
      body: updateCredentialTypeRequest,
      response: { 200: credentialTypeView },
    },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "taxonomy.manage");
      const updated = await updateCredentialType(contextOf(request, deps.db), request.params.credentialTypeId, request.body);
      return presentCredentialType(updated, localeOfRequest(request));
    },
  });

  routes.delete("/api/v1/cities/:city/credential-types/:credentialTypeId", {
    schema: { tags: taxonomyTags, summary: "Remove a credential type no volunteer holds", params: credentialTypePath, response: noContent },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "taxonomy.manage");
      await deleteCredentialType(contextOf(request, deps.db), request.params.credentialTypeId, localeOfRequest(request));
      return reply.code(204).send();
    },
  });

  // The signed-in resident's own profile.

  routes.get("/api/v1/cities/:city/me/volunteer-profile", {
    schema: { tags, summary: "Your volunteer profile in this city (empty until you save one)", params: cityPath, response: { 200: myVolunteerProfile } },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      reply.header("cache-control", "no-store");
      const actor = actorOf(request);
      return presentMyProfile(await findVolunteerProfile(deps.db, cityOf(request).id, actor.userId), actor);
    },
  });

  routes.put("/api/v1/cities/:city/me/volunteer-profile", {
    schema: {
      tags,
      summary: "Create or replace your volunteer profile; you become a volunteer of the city",
      params: cityPath,
      body: volunteerProfileRequest,
      response: { 200: myVolunteerProfile },
    },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      reply.header("cache-control", "no-store");
      const saved = await saveVolunteerProfile(contextOf(request, deps.db), request.body);
      return presentMyProfile(saved, actorOf(request));
    },
  });

  // The staff's view of volunteers.

  routes.get("/api/v1/cities/:city/volunteers", {
    schema: {
      tags,
      summary: "The city's volunteers, 50 a page, by name; search by name or email, filter by skill, language, neighbourhood",
      params: cityPath,
      querystring: volunteerListQuery,
      response: { 200: volunteerList },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "volunteers.read");
      reply.header("cache-control", "no-store");
      const city = cityOf(request);
      return listVolunteers(deps.db, city, request.query, localeOfRequest(request), todayIn(city.timeZone));
    },
  });

  routes.get("/api/v1/cities/:city/volunteers/import/template", {
    schema: { tags, summary: "A CSV file to fill in for the import, with the city's skill addresses as an example", params: cityPath },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "volunteers.read");
      const examples = (await listSkills(deps.db, cityOf(request).id)).slice(0, 2).map((row) => row.slug);
      const example = ["Dana Example", "dana@example.com", "+1 217 555 0100", "en;es", examples.join(";"), "Downtown", "yes"];
      const csv = `${importColumns.join(",")}\r\n${example.map((cell) => (/[",;\s]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(",")}\r\n`;
      return reply.header("content-disposition", 'attachment; filename="volunteers-template.csv"').type("text/csv; charset=utf-8").send(csv);
    },
  });

  routes.get("/api/v1/cities/:city/volunteers/:volunteerId", {
    schema: { tags, summary: "One volunteer, with credentials", params: volunteerPath, response: { 200: volunteerDetail } },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "volunteers.read");
      reply.header("cache-control", "no-store");
      const city = cityOf(request);
      return findVolunteer(deps.db, city.id, request.params.volunteerId, localeOfRequest(request), todayIn(city.timeZone));
    },
  });

  const presentRecorded = async (request: FastifyRequest, row: Parameters<typeof presentCredential>[0]) => {
    const city = cityOf(request);
    const type = await findCredentialType(deps.db, city.id, row.credentialTypeId);
    return presentCredential(row, type ? localizedName(type.names, localeOfRequest(request)) : "", actorOf(request).name, todayIn(city.timeZone));
  };

  routes.post("/api/v1/cities/:city/volunteers/:volunteerId/credentials", {
    schema: {
      tags,
      summary: "Record a volunteer's credential; it expires after the type's validity unless an expiry date is given",
      params: volunteerPath,
      body: recordCredentialRequest,
      response: { 201: credentialView },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "volunteers.manage");
      const created = await recordCredential(contextOf(request, deps.db), request.params.volunteerId, request.body, localeOfRequest(request));
      return reply.code(201).send(await presentRecorded(request, created));
    },
  });

  routes.patch("/api/v1/cities/:city/volunteers/:volunteerId/credentials/:credentialId", {
    schema: {
      tags,
      summary: "Renew or correct a credential: a new issue date recomputes the expiry unless one is given",
      params: credentialPath,
      body: updateCredentialRequest,
      response: { 200: credentialView },
    },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "volunteers.manage");
      const updated = await updateCredential(contextOf(request, deps.db), request.params.volunteerId, request.params.credentialId, request.body);
      return presentRecorded(request, updated);
    },
  });

  routes.delete("/api/v1/cities/:city/volunteers/:volunteerId/credentials/:credentialId", {
    schema: { tags, summary: "Remove a volunteer's credential", params: credentialPath, response: noContent },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "volunteers.manage");
      await removeCredential(contextOf(request, deps.db), request.params.volunteerId, request.params.credentialId);
      return reply.code(204).send();
    },
  });

  // CSV import, in a scope of its own so that it alone reads text/csv bodies and large ones.
  app.register(async (scope) => {
    scope.addContentTypeParser("text/csv", { parseAs: "string", bodyLimit: importBodyLimit }, (_request, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post("/api/v1/cities/:city/volunteers/import", {
      bodyLimit: importBodyLimit,
      schema: {
        tags,
        summary: "Import volunteers from CSV: every row valid or nothing imported (422 lists each row's problems)",
        description: `JSON { csv, dryRun } or a text/csv body (?dryRun=true). Columns, in any order: ${importColumns.join(", ")}. At most 5,000 rows and 2 MB.`,
        params: cityPath,
        querystring: importVolunteersQuery,
        body: z.union([importVolunteersRequest, z.string().min(1)]),
        response: { 200: importResult },
      },
      config: { access: "member" },
      handler: async (request, reply) => {
        authorize(membershipOf(request), "volunteers.manage");
        const body = request.body;
        const csv = typeof body === "string" ? body : body.csv;
        const dryRun = (typeof body === "string" ? false : body.dryRun) || request.query.dryRun === "true";
        try {
          return await importVolunteers(contextOf(request, deps.db), { csv, dryRun });
        } catch (error) {
          if (error instanceof RowsRejectedError) return sendRowProblems(request, reply, error);
          throw error;
        }
      },
    });
  });
}

import { type ComponentType, lazy, Suspense } from "react";
import { createBrowserRouter } from "react-router";
import { Layout } from "./components/Layout.tsx";
import { Loading } from "./components/Loading.tsx";
import { loadPageMessages } from "./i18n/index.ts";

/**
 * Every page of the web app. Pages load on demand so a resident's first visit downloads only what
 * the page needs: its code, and the sections of the language file it uses, in the reader's language
 * (i18n/message-split.ts finds them in the page's code). The page shows once both are there.
 * `pagePaths` is also read by the browser tests, which check every page with axe.
 */

const modules = import.meta.glob<{ default: ComponentType }>("./pages/**/*Page.tsx");

/** A page by its module under pages/, without ".tsx": "impact/ImpactPage". */
function page(name: string) {
  const file = `./pages/${name}.tsx`;
  const load = modules[file];
  if (!load) throw new Error(`No page module ${file}`);
  return lazy(async () => (await Promise.all([load(), loadPageMessages(file)]))[0]);
}

const pages = {
  "/": page("platform/HomePage"),
  "/:city": page("cities/CityHomePage"),
  "/:city/sign-in": page("auth/SignInPage"),
  "/:city/sign-up": page("auth/SignUpPage"),
  "/:city/account": page("auth/AccountPage"),
  "/:city/account/tokens": page("auth/AccessTokensPage"),
  "/:city/invitations/:token": page("staff/InvitationPage"),
  "/:city/admin": page("admin/AdminHomePage"),
  "/:city/admin/agencies": page("admin/AgenciesPage"),
  "/:city/admin/agencies/:agencyId": page("admin/AgencyPage"),
  "/:city/admin/staff": page("admin/StaffPage"),
  "/:city/admin/settings": page("admin/CitySettingsPage"),
  "/:city/admin/outbox": page("admin/OutboxPage"),
  "/:city/admin/audit": page("admin/AuditPage"),
  // Volunteers: profiles, taxonomy, credentials, import.
  "/:city/volunteer": page("volunteers/VolunteerProfilePage"),
  "/:city/admin/volunteers": page("volunteers/VolunteersPage"),
  "/:city/admin/volunteers/:volunteerId": page("volunteers/VolunteerPage"),
  "/:city/admin/taxonomy": page("volunteers/TaxonomyPage"),
  // Opportunities and shifts: listing, sign-up, my shifts, rosters, hours.
  "/:city/opportunities": page("opportunities/OpportunitiesPage"),
  "/:city/opportunities/:opportunityId": page("opportunities/OpportunityPage"),
  "/:city/my-shifts": page("opportunities/MyShiftsPage"),
  "/:city/check-in/:shiftId": page("opportunities/CheckInPage"),
  "/:city/admin/opportunities": page("opportunities/StaffOpportunitiesPage"),
  "/:city/admin/opportunities/new": page("opportunities/OpportunityEditorPage"),
  "/:city/admin/opportunities/:opportunityId": page("opportunities/OpportunityEditorPage"),
  "/:city/admin/shifts/:shiftId/roster": page("opportunities/RosterPage"),
  "/:city/admin/hours": page("opportunities/HoursReviewPage"),
  "/:city/for-you": page("opportunities/ForYouPage"),
  // Problems: the public board, reporting and proposing, support and triage.
  "/:city/problems": page("problems/ProblemsPage"),
  "/:city/problems/new": page("problems/ProblemFormPage"),
  "/:city/problems/:problemId": page("problems/ProblemPage"),
  // Campaigns: calls to action to an audience of volunteers, their results, and the way out of them.
  "/:city/admin/campaigns": page("campaigns/CampaignsPage"),
  "/:city/admin/campaigns/new": page("campaigns/CampaignEditorPage"),
  "/:city/admin/campaigns/:campaignId": page("campaigns/CampaignEditorPage"),
  "/:city/unsubscribe/:token": page("campaigns/UnsubscribePage"),
  // Links in messages may leave out the city: the link itself says which.
  "/unsubscribe/:token": page("campaigns/UnsubscribePage"),
  // Vendors and the bounty fund: registration and its review, the fund with its ledger, and the public spend.
  "/:city/vendor": page("vendors/VendorPage"),
  "/:city/admin/vendors": page("vendors/VendorsReviewPage"),
  "/:city/admin/fund": page("ledger/FundPage"),
  "/:city/spend": page("ledger/SpendPage"),
  // Bounties: the public list and detail with live bidding, and the vendor's own awarded work.
  "/:city/bounties": page("bounties/BountiesPage"),
  "/:city/bounties/:bountyId": page("bounties/BountyPage"),
  "/:city/my-work": page("bounties/MyWorkPage"),
  "/:city/insights": page("bounties/InsightsPage"),
  // Bounty administration: drafting, publishing, awards, the review queue and payment.
  "/:city/admin/bounties": page("bounty-admin/BountyAdminPage"),
  "/:city/admin/bounties/new": page("bounty-admin/BountyEditorPage"),
  "/:city/admin/bounties/:bountyId": page("bounty-admin/ManageBountyPage"),
  // The city's bounty rules and holiday calendar.
  "/:city/admin/bounty-settings": page("bounties/BountySettingsPage"),
  // Documented processes: the public list, one published process, and the city's rate table.
  "/:city/processes": page("processes/ProcessesPublicPage"),
  "/:city/processes/:processId": page("processes/PublicProcessPage"),
  "/:city/admin/process-rates": page("processes/ProcessRatesPage"),
  // Process documentation for staff: the list, a new process (or an import) and the editor with its revisions.
  "/:city/admin/processes": page("processes/ProcessesPage"),
  "/:city/admin/processes/new": page("processes/ProcessEditorPage"),
  "/:city/admin/processes/:processId": page("processes/ProcessEditorPage"),
  // The solutions catalog: the public search, one entry, an entry another city shares, and the staff editor.
  "/:city/catalog": page("catalog/CatalogPage"),
  "/:city/catalog/:entryId": page("catalog/CatalogEntryPage"),
  "/:city/catalog/from/:remoteId": page("catalog/RemoteEntryPage"),
  "/:city/admin/catalog/new": page("catalog/CatalogEditorPage"),
  "/:city/admin/catalog/:entryId": page("catalog/CatalogEditorPage"),
  // Federation: the city's account, the cities it follows and those following it.
  "/:city/admin/federation": page("federation/FederationPage"),
  // Impact and transparency: the public figures and scenario, each agency's share, the open data, and the staff's page with the budget import.
  "/:city/impact": page("impact/ImpactPage"),
  "/:city/impact/agencies/:agency": page("impact/AgencyImpactPage"),
  "/:city/open-data": page("impact/OpenDataPage"),
  "/:city/admin/impact": page("impact/ImpactAdminPage"),
  // Civic-tech groups: the public list and page, the organizers' page, projects with their roles and applications, and the DSO's overview.
  "/:city/groups": page("groups/GroupsPage"),
  "/:city/groups/:group": page("groups/GroupPage"),
  "/:city/groups/:group/manage": page("groups/ManageGroupPage"),
  "/:city/projects": page("groups/ProjectsPage"),
  "/:city/projects/:projectId": page("groups/ProjectPage"),
  "/:city/projects/:projectId/edit": page("groups/ProjectEditorPage"),
  "/:city/my-applications": page("groups/MyApplicationsPage"),
  "/:city/admin/groups": page("groups/GroupsAdminPage"),
  "*": page("platform/NotFoundPage"),
} as const;

export const pagePaths = Object.keys(pages);

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: Object.entries(pages).map(([path, Page]) => ({
      path,
      element: (
        <Suspense fallback={<Loading />}>
          <Page />
        </Suspense>
      ),
    })),
  },
]);

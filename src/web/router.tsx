import { lazy, Suspense } from "react";
import { createBrowserRouter } from "react-router";
import { Layout } from "./components/Layout.tsx";
import { Loading } from "./components/Loading.tsx";

/**
 * Every page of the web app. Pages load on demand so a resident's first visit downloads only what
 * the page needs. `pagePaths` is also read by the browser tests, which check every page with axe.
 */

const pages = {
  "/": lazy(() => import("./pages/platform/HomePage.tsx")),
  "/:city": lazy(() => import("./pages/cities/CityHomePage.tsx")),
  "/:city/sign-in": lazy(() => import("./pages/auth/SignInPage.tsx")),
  "/:city/sign-up": lazy(() => import("./pages/auth/SignUpPage.tsx")),
  "/:city/account": lazy(() => import("./pages/auth/AccountPage.tsx")),
  "/:city/account/tokens": lazy(() => import("./pages/auth/AccessTokensPage.tsx")),
  "/:city/invitations/:token": lazy(() => import("./pages/staff/InvitationPage.tsx")),
  "/:city/admin": lazy(() => import("./pages/admin/AdminHomePage.tsx")),
  "/:city/admin/agencies": lazy(() => import("./pages/admin/AgenciesPage.tsx")),
  "/:city/admin/agencies/:agencyId": lazy(() => import("./pages/admin/AgencyPage.tsx")),
  "/:city/admin/staff": lazy(() => import("./pages/admin/StaffPage.tsx")),
  "/:city/admin/settings": lazy(() => import("./pages/admin/CitySettingsPage.tsx")),
  "/:city/admin/outbox": lazy(() => import("./pages/admin/OutboxPage.tsx")),
  "/:city/admin/audit": lazy(() => import("./pages/admin/AuditPage.tsx")),
  // Volunteers: profiles, taxonomy, credentials, import.
  "/:city/volunteer": lazy(() => import("./pages/volunteers/VolunteerProfilePage.tsx")),
  "/:city/admin/volunteers": lazy(() => import("./pages/volunteers/VolunteersPage.tsx")),
  "/:city/admin/volunteers/:volunteerId": lazy(() => import("./pages/volunteers/VolunteerPage.tsx")),
  "/:city/admin/taxonomy": lazy(() => import("./pages/volunteers/TaxonomyPage.tsx")),
  // Opportunities and shifts: listing, sign-up, my shifts, rosters, hours.
  "/:city/opportunities": lazy(() => import("./pages/opportunities/OpportunitiesPage.tsx")),
  "/:city/opportunities/:opportunityId": lazy(() => import("./pages/opportunities/OpportunityPage.tsx")),
  "/:city/my-shifts": lazy(() => import("./pages/opportunities/MyShiftsPage.tsx")),
  "/:city/check-in/:shiftId": lazy(() => import("./pages/opportunities/CheckInPage.tsx")),
  "/:city/admin/opportunities": lazy(() => import("./pages/opportunities/StaffOpportunitiesPage.tsx")),
  "/:city/admin/opportunities/new": lazy(() => import("./pages/opportunities/OpportunityEditorPage.tsx")),
  "/:city/admin/opportunities/:opportunityId": lazy(() => import("./pages/opportunities/OpportunityEditorPage.tsx")),
  "/:city/admin/shifts/:shiftId/roster": lazy(() => import("./pages/opportunities/RosterPage.tsx")),
  "/:city/admin/hours": lazy(() => import("./pages/opportunities/HoursReviewPage.tsx")),
  "/:city/for-you": lazy(() => import("./pages/opportunities/ForYouPage.tsx")),
  // Problems: the public board, reporting and proposing, support and triage.
  "/:city/problems": lazy(() => import("./pages/problems/ProblemsPage.tsx")),
  "/:city/problems/new": lazy(() => import("./pages/problems/ProblemFormPage.tsx")),
  "/:city/problems/:problemId": lazy(() => import("./pages/problems/ProblemPage.tsx")),
  // Campaigns: calls to action to an audience of volunteers, their results, and the way out of them.
  "/:city/admin/campaigns": lazy(() => import("./pages/campaigns/CampaignsPage.tsx")),
  "/:city/admin/campaigns/new": lazy(() => import("./pages/campaigns/CampaignEditorPage.tsx")),
  "/:city/admin/campaigns/:campaignId": lazy(() => import("./pages/campaigns/CampaignEditorPage.tsx")),
  "/:city/unsubscribe/:token": lazy(() => import("./pages/campaigns/UnsubscribePage.tsx")),
  // Links in messages may leave out the city: the link itself says which.
  "/unsubscribe/:token": lazy(() => import("./pages/campaigns/UnsubscribePage.tsx")),
  // Vendors and the bounty fund: registration and its review, the fund with its ledger, and the public spend.
  "/:city/vendor": lazy(() => import("./pages/vendors/VendorPage.tsx")),
  "/:city/admin/vendors": lazy(() => import("./pages/vendors/VendorsReviewPage.tsx")),
  "/:city/admin/fund": lazy(() => import("./pages/ledger/FundPage.tsx")),
  "/:city/spend": lazy(() => import("./pages/ledger/SpendPage.tsx")),
  // Bounties: the public list and detail with live bidding, and the vendor's own awarded work.
  "/:city/bounties": lazy(() => import("./pages/bounties/BountiesPage.tsx")),
  "/:city/bounties/:bountyId": lazy(() => import("./pages/bounties/BountyPage.tsx")),
  "/:city/my-work": lazy(() => import("./pages/bounties/MyWorkPage.tsx")),
  "/:city/insights": lazy(() => import("./pages/bounties/InsightsPage.tsx")),
  // Bounty administration: drafting, publishing, awards, the review queue and payment.
  "/:city/admin/bounties": lazy(() => import("./pages/bounty-admin/BountyAdminPage.tsx")),
  "/:city/admin/bounties/new": lazy(() => import("./pages/bounty-admin/BountyEditorPage.tsx")),
  "/:city/admin/bounties/:bountyId": lazy(() => import("./pages/bounty-admin/ManageBountyPage.tsx")),
  // The city's bounty rules and holiday calendar.
  "/:city/admin/bounty-settings": lazy(() => import("./pages/bounties/BountySettingsPage.tsx")),
  // Documented processes: the public list, one published process, and the city's rate table.
  "/:city/processes": lazy(() => import("./pages/processes/ProcessesPublicPage.tsx")),
  "/:city/processes/:processId": lazy(() => import("./pages/processes/PublicProcessPage.tsx")),
  "/:city/admin/process-rates": lazy(() => import("./pages/processes/ProcessRatesPage.tsx")),
  // Process documentation for staff: the list, a new process (or an import) and the editor with its revisions.
  "/:city/admin/processes": lazy(() => import("./pages/processes/ProcessesPage.tsx")),
  "/:city/admin/processes/new": lazy(() => import("./pages/processes/ProcessEditorPage.tsx")),
  "/:city/admin/processes/:processId": lazy(() => import("./pages/processes/ProcessEditorPage.tsx")),
  // The solutions catalog: the public search, one entry, an entry another city shares, and the staff editor.
  "/:city/catalog": lazy(() => import("./pages/catalog/CatalogPage.tsx")),
  "/:city/catalog/:entryId": lazy(() => import("./pages/catalog/CatalogEntryPage.tsx")),
  "/:city/catalog/from/:remoteId": lazy(() => import("./pages/catalog/RemoteEntryPage.tsx")),
  "/:city/admin/catalog/new": lazy(() => import("./pages/catalog/CatalogEditorPage.tsx")),
  "/:city/admin/catalog/:entryId": lazy(() => import("./pages/catalog/CatalogEditorPage.tsx")),
  // Federation: the city's account, the cities it follows and those following it.
  "/:city/admin/federation": lazy(() => import("./pages/federation/FederationPage.tsx")),
  // Impact and transparency: the public figures and scenario, each agency's share, the open data, and the staff's page with the budget import.
  "/:city/impact": lazy(() => import("./pages/impact/ImpactPage.tsx")),
  "/:city/impact/agencies/:agency": lazy(() => import("./pages/impact/AgencyImpactPage.tsx")),
  "/:city/open-data": lazy(() => import("./pages/impact/OpenDataPage.tsx")),
  "/:city/admin/impact": lazy(() => import("./pages/impact/ImpactAdminPage.tsx")),
  "*": lazy(() => import("./pages/platform/NotFoundPage.tsx")),
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

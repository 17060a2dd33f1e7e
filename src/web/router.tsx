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
  "/:city/invitations/:token": lazy(() => import("./pages/staff/InvitationPage.tsx")),
  "/:city/admin": lazy(() => import("./pages/admin/AdminHomePage.tsx")),
  "/:city/admin/agencies": lazy(() => import("./pages/admin/AgenciesPage.tsx")),
  "/:city/admin/agencies/:agencyId": lazy(() => import("./pages/admin/AgencyPage.tsx")),
  "/:city/admin/staff": lazy(() => import("./pages/admin/StaffPage.tsx")),
  "/:city/admin/settings": lazy(() => import("./pages/admin/CitySettingsPage.tsx")),
  "/:city/admin/outbox": lazy(() => import("./pages/admin/OutboxPage.tsx")),
  "/:city/admin/audit": lazy(() => import("./pages/admin/AuditPage.tsx")),
  // Volunteers: profiles, taxonomy, credentials, import.
  // Opportunities and shifts: listing, sign-up, my shifts, rosters, hours.
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

import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useLocation, useParams } from "react-router";
import { hasRoleIn, isStaffIn, organizedGroupsIn, useMe } from "../session.ts";
import { useCity } from "./city.ts";
import { LanguageSwitcher } from "./LanguageSwitcher.tsx";
import { GridContainer } from "./uswds.tsx";

/** Every page's frame: skip link, header with navigation and language switcher, main, footer. */
export function Layout() {
  const { t } = useTranslation();
  const { city: slug } = useParams();
  const city = useCity(slug);
  const me = useMe();
  const location = useLocation();
  const [expanded, setExpanded] = useState(false);

  // A link followed inside the mobile menu closes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation on purpose
  useEffect(() => setExpanded(false), [location.pathname]);

  // Escape closes the mobile menu and returns focus to the button that opened it.
  useEffect(() => {
    if (!expanded) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setExpanded(false);
      document.querySelector<HTMLButtonElement>(".usa-menu-btn")?.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [expanded]);

  // While the city loads the header already belongs to it; only an unknown city falls back.
  const cityKnown = !!slug && !city.isError;
  const signedIn = !!me.data?.user;
  const navLink = (to: string, label: string, end = false) => (
    <NavLink key={to} to={to} end={end} className={({ isActive }) => `usa-nav__link${isActive ? " usa-current" : ""}`}>
      <span>{label}</span>
    </NavLink>
  );
  const items = [];
  if (cityKnown) {
    items.push(navLink(`/${slug}`, t("nav.cityHome"), true));
    items.push(navLink(`/${slug}/opportunities`, t("opportunities.nav")));
    items.push(navLink(`/${slug}/problems`, t("nav.problems")));
    items.push(navLink(`/${slug}/bounties`, t("nav.bounties")));
    items.push(navLink(`/${slug}/groups`, t("nav.groups")));
    items.push(navLink(`/${slug}/catalog`, t("nav.catalog")));
    items.push(navLink(`/${slug}/impact`, t("nav.impact")));
    if (signedIn) items.push(navLink(`/${slug}/my-shifts`, t("myShifts.nav")));
    // Group organizers run their groups' events, rosters and hours from the administration pages.
    if (isStaffIn(me.data, slug) || hasRoleIn(me.data, slug, ["group_organizer"]) || organizedGroupsIn(me.data, slug).length > 0)
      items.push(navLink(`/${slug}/admin`, t("nav.admin")));
    if (signedIn) items.push(navLink(`/${slug}/volunteer`, t("volunteers.nav")));
    items.push(signedIn ? navLink(`/${slug}/account`, t("nav.account")) : navLink(`/${slug}/sign-in`, t("nav.signIn")));
  } else {
    items.push(navLink("/", t("nav.cities"), true));
  }

  return (
    <>
      <a className="usa-skipnav" href="#main-content">
        {t("nav.skipToContent")}
      </a>
      <div className={`usa-overlay${expanded ? " is-visible" : ""}`} />
      <header className="usa-header usa-header--basic">
        <div className="usa-nav-container">
          <div className="usa-navbar">
            <div className="usa-logo">
              <em className="usa-logo__text">
                <Link to={cityKnown ? `/${slug}` : "/"} title={t("nav.homeTitle")}>
                  Civitas{cityKnown && city.data ? <span className="civitas-city-name"> · {city.data.name}</span> : null}
                </Link>
              </em>
            </div>
            <button type="button" className="usa-menu-btn" aria-expanded={expanded} aria-controls="primary-navigation" onClick={() => setExpanded(true)}>
              {t("nav.menu")}
            </button>
          </div>
          <nav id="primary-navigation" className={`usa-nav${expanded ? " is-visible" : ""}`} aria-label={t("nav.primary")}>
            <button type="button" className="usa-nav__close" aria-label={t("nav.close")} onClick={() => setExpanded(false)}>
              <svg className="usa-icon usa-icon--size-3" aria-hidden="true" focusable="false" viewBox="0 0 24 24">
                <path fill="currentColor" d="M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z" />
              </svg>
            </button>
            <ul className="usa-nav__primary usa-accordion">
              {items.map((item) => (
                <li key={item.key} className="usa-nav__primary-item">
                  {item}
                </li>
              ))}
            </ul>
            <LanguageSwitcher />
          </nav>
        </div>
      </header>
      {/* tabIndex -1: the skip link's target takes focus, so screen readers and the next Tab start there. */}
      <main id="main-content" className="civitas-main" tabIndex={-1}>
        <GridContainer>
          <Outlet />
        </GridContainer>
      </main>
      <footer className="usa-footer usa-footer--slim">
        <div className="usa-footer__primary-section">
          <GridContainer>
            <nav aria-label={t("footer.navigation")} className="civitas-footer-nav">
              <ul className="usa-list usa-list--unstyled">
                <li>
                  <Link to="/">{t("footer.allCities")}</Link>
                </li>
                <li>
                  <a href="/api/docs/">{t("footer.apiDocs")}</a>
                </li>
              </ul>
            </nav>
          </GridContainer>
        </div>
        <div className="usa-footer__secondary-section">
          <GridContainer>
            <p className="civitas-footer-note">{t("footer.note")}</p>
          </GridContainer>
        </div>
      </footer>
    </>
  );
}

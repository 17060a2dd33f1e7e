import { Footer, GridContainer, Header, NavMenuButton, PrimaryNav, Title } from "@trussworks/react-uswds";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useLocation, useParams } from "react-router";
import { isStaffIn, useMe } from "../session.ts";
import { useCity } from "./city.ts";
import { LanguageSwitcher } from "./LanguageSwitcher.tsx";

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
    if (isStaffIn(me.data, slug)) items.push(navLink(`/${slug}/admin`, t("nav.admin")));
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
      <Header basic showMobileOverlay={expanded}>
        <div className="usa-nav-container">
          <div className="usa-navbar">
            <Title>
              <Link to={cityKnown ? `/${slug}` : "/"} title={t("nav.homeTitle")}>
                Civitas{cityKnown && city.data ? <span className="civitas-city-name"> · {city.data.name}</span> : null}
              </Link>
            </Title>
            <NavMenuButton onClick={() => setExpanded((value) => !value)} label={t("nav.menu")} />
          </div>
          <PrimaryNav items={items} mobileExpanded={expanded} onToggleMobileNav={() => setExpanded((value) => !value)} aria-label={t("nav.primary")}>
            <LanguageSwitcher />
          </PrimaryNav>
        </div>
      </Header>
      {/* tabIndex -1: the skip link's target takes focus, so screen readers and the next Tab start there. */}
      <main id="main-content" className="civitas-main" tabIndex={-1}>
        <GridContainer>
          <Outlet />
        </GridContainer>
      </main>
      <Footer
        size="slim"
        primary={
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
        }
        secondary={<p className="civitas-footer-note">{t("footer.note")}</p>}
      />
    </>
  );
}

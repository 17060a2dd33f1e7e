import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { maintenanceTypes, softwareTypes } from "../../../contracts/publiccode-vocabulary.ts";
import { formatCalendarDate } from "../../components/formatting.ts";
import { useLanguageName } from "../../components/languages.ts";
import { StatusText } from "./parts.tsx";
import { type Dependency, isWebAddress, type PubliccodeView } from "./publiccode-view.ts";

/**
 * Every field of a publiccode.yml in readable form, in sections that appear only when the file says
 * something for them. What the file says is shown as written and marked translate="no"; the values
 * the standard fixes (statuses, software types, maintenance types) and language and country codes
 * are put in the reader's words.
 */

const knownSoftwareTypes: ReadonlySet<string> = new Set(softwareTypes);
const knownMaintenanceTypes: ReadonlySet<string> = new Set(maintenanceTypes);

function Data({ children }: { children: ReactNode }) {
  return (
    <span translate="no" className="civitas-break">
      {children}
    </span>
  );
}

/** A web address as a link; anything else a file put in a URL field as text. */
function Address({ value }: { value: string }) {
  if (!isWebAddress(value)) return <Data>{value}</Data>;
  return (
    <a href={value} translate="no" className="civitas-break" rel="noopener noreferrer">
      {value}
    </a>
  );
}

function DataList({ items }: { items: string[] }) {
  return (
    <ul className="usa-list civitas-catalog-values" translate="no">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Section({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <section className="civitas-catalog-section" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {children}
    </section>
  );
}

function DependencyLine({ dependency }: { dependency: Dependency }) {
  const { t } = useTranslation();
  const version = dependency.version
    ? t("catalog.details.versionExact", { version: dependency.version })
    : dependency.versionMin && dependency.versionMax
      ? t("catalog.details.versionBetween", { min: dependency.versionMin, max: dependency.versionMax })
      : dependency.versionMin
        ? t("catalog.details.versionFrom", { min: dependency.versionMin })
        : dependency.versionMax
          ? t("catalog.details.versionUpTo", { max: dependency.versionMax })
          : "";
  return (
    <li>
      <Data>{dependency.name}</Data>
      {version ? ` (${version})` : ""}
      {dependency.optional ? ` · ${t("catalog.details.optional")}` : ""}
    </li>
  );
}

export function PubliccodeDetails({ view, idPrefix }: { view: PubliccodeView; idPrefix: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language || "en";
  const languageName = useLanguageName();
  const regions = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  const country = (code: string) => {
    try {
      return regions.of(code.toUpperCase()) ?? code;
    } catch {
      return code;
    }
  };
  const description = view.description;
  const releaseDate = /^\d{4}-\d{2}-\d{2}$/.test(view.releaseDate) ? formatCalendarDate(view.releaseDate, locale) : view.releaseDate;
  const { open, proprietary, hardware } = view.dependencies;
  const audience = view.audience;

  return (
    <>
      {description && (description.longDescription || description.features.length > 0 || description.documentation || description.apiDocumentation) ? (
        <Section id={`${idPrefix}-about`} heading={t("catalog.details.about")}>
          {description.genericName ? (
            <p>
              {t("catalog.details.genericName")}: <Data>{description.genericName}</Data>
            </p>
          ) : null}
          {description.longDescription ? (
            <p className="civitas-description" lang={description.language} translate="no">
              {description.longDescription}
            </p>
          ) : null}
          {description.features.length > 0 ? (
            <>
              <h3>{t("catalog.details.features")}</h3>
              <ul className="usa-list" lang={description.language} translate="no">
                {description.features.map((feature) => (
                  <li key={feature}>{feature}</li>
                ))}
              </ul>
            </>
          ) : null}
          {description.documentation || description.apiDocumentation ? (
            <dl className="civitas-facts">
              {description.documentation ? (
                <Fact label={t("catalog.details.documentation")}>
                  <Address value={description.documentation} />
                </Fact>
              ) : null}
              {description.apiDocumentation ? (
                <Fact label={t("catalog.details.apiDocumentation")}>
                  <Address value={description.apiDocumentation} />
                </Fact>
              ) : null}
            </dl>
          ) : null}
        </Section>
      ) : null}

      <Section id={`${idPrefix}-facts`} heading={t("catalog.details.facts")}>
        <dl className="civitas-facts civitas-catalog-facts">
          {view.softwareType ? (
            <Fact label={t("catalog.details.softwareType")}>
              {knownSoftwareTypes.has(view.softwareType) ? t(`catalog.softwareType.${view.softwareType.replace("/", "_")}`) : <Data>{view.softwareType}</Data>}
            </Fact>
          ) : null}
          {view.developmentStatus ? (
            <Fact label={t("catalog.details.developmentStatus")}>
              <StatusText status={view.developmentStatus} />
            </Fact>
          ) : null}
          {view.license ? (
            <Fact label={t("catalog.details.license")}>
              <Data>{view.license}</Data>
            </Fact>
          ) : null}
          {view.softwareVersion ? (
            <Fact label={t("catalog.details.softwareVersion")}>
              <Data>{view.softwareVersion}</Data>
            </Fact>
          ) : null}
          {releaseDate ? <Fact label={t("catalog.details.releaseDate")}>{releaseDate}</Fact> : null}
          {view.platforms.length > 0 ? (
            <Fact label={t("catalog.details.platforms")}>
              <DataList items={view.platforms} />
            </Fact>
          ) : null}
          {view.categories.length > 0 ? (
            <Fact label={t("catalog.details.categories")}>
              <DataList items={view.categories} />
            </Fact>
          ) : null}
          {view.applicationSuite ? (
            <Fact label={t("catalog.details.applicationSuite")}>
              <Data>{view.applicationSuite}</Data>
            </Fact>
          ) : null}
          {view.landingUrl ? (
            <Fact label={t("catalog.details.landingUrl")}>
              <Address value={view.landingUrl} />
            </Fact>
          ) : null}
          {view.url ? (
            <Fact label={t("catalog.details.repository")}>
              <Address value={view.url} />
            </Fact>
          ) : null}
          {view.isBasedOn.length > 0 ? (
            <Fact label={t("catalog.details.isBasedOn")}>
              {view.isBasedOn.map((address) => (
                <div key={address}>
                  <Address value={address} />
                </div>
              ))}
            </Fact>
          ) : null}
          {view.roadmap ? (
            <Fact label={t("catalog.details.roadmap")}>
              <Address value={view.roadmap} />
            </Fact>
          ) : null}
          {view.mainCopyrightOwner ? (
            <Fact label={t("catalog.details.copyrightOwner")}>
              <Data>{view.mainCopyrightOwner}</Data>
            </Fact>
          ) : null}
          {view.repoOwner ? (
            <Fact label={t("catalog.details.repoOwner")}>
              <Data>{view.repoOwner}</Data>
            </Fact>
          ) : null}
        </dl>
      </Section>

      {view.maintenanceType || view.contractors.length > 0 || view.contacts.length > 0 ? (
        <Section id={`${idPrefix}-maintenance`} heading={t("catalog.details.maintenance")}>
          {view.maintenanceType ? (
            <p>
              {t("catalog.details.maintenanceType")}:{" "}
              {knownMaintenanceTypes.has(view.maintenanceType) ? t(`catalog.maintenanceType.${view.maintenanceType}`) : <Data>{view.maintenanceType}</Data>}
            </p>
          ) : null}
          {view.contractors.length > 0 ? (
            <>
              <h3>{t("catalog.details.contractors")}</h3>
              <ul className="usa-list">
                {view.contractors.map((contractor) => (
                  <li key={`${contractor.name}:${contractor.until}`}>
                    <Data>{contractor.name}</Data>
                    {contractor.until ? ` · ${t("catalog.details.until", { date: contractor.until })}` : ""}
                    {contractor.email ? (
                      <>
                        {" · "}
                        <a href={`mailto:${contractor.email}`} translate="no" className="civitas-break">
                          {contractor.email}
                        </a>
                      </>
                    ) : null}
                    {contractor.website ? (
                      <>
                        {" · "}
                        <Address value={contractor.website} />
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {view.contacts.length > 0 ? (
            <>
              <h3>{t("catalog.details.contacts")}</h3>
              <ul className="usa-list">
                {view.contacts.map((contact) => (
                  <li key={`${contact.name}:${contact.email}`}>
                    <Data>{contact.name}</Data>
                    {contact.affiliation ? (
                      <>
                        {", "}
                        <Data>{contact.affiliation}</Data>
                      </>
                    ) : null}
                    {contact.email ? (
                      <>
                        {" · "}
                        <a href={`mailto:${contact.email}`} translate="no" className="civitas-break">
                          {contact.email}
                        </a>
                      </>
                    ) : null}
                    {contact.phone ? (
                      <>
                        {" · "}
                        <a href={`tel:${contact.phone.replace(/[^\d+]/g, "")}`} translate="no">
                          {contact.phone}
                        </a>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Section>
      ) : null}

      {view.localisationReady !== null || view.availableLanguages.length > 0 ? (
        <Section id={`${idPrefix}-localisation`} heading={t("catalog.details.localisation")}>
          {view.localisationReady !== null ? (
            <p>{view.localisationReady ? t("catalog.details.localisationReady") : t("catalog.details.localisationNotReady")}</p>
          ) : null}
          {view.availableLanguages.length > 0 ? (
            <>
              <p>{t("catalog.details.availableLanguages")}</p>
              <ul className="usa-list">
                {view.availableLanguages.map((code) => (
                  <li key={code}>{languageName(code)}</li>
                ))}
              </ul>
            </>
          ) : null}
        </Section>
      ) : null}

      {view.usedBy.length > 0 ? (
        <Section id={`${idPrefix}-used-by`} heading={t("catalog.details.usedBy")}>
          <DataList items={view.usedBy} />
        </Section>
      ) : null}

      {view.fundedBy.length > 0 ? (
        <Section id={`${idPrefix}-funded-by`} heading={t("catalog.details.fundedBy")}>
          <ul className="usa-list">
            {view.fundedBy.map((funder) => (
              <li key={funder.name}>
                {funder.uri && isWebAddress(funder.uri) ? (
                  <a href={funder.uri} translate="no" rel="noopener noreferrer">
                    {funder.name}
                  </a>
                ) : (
                  <Data>{funder.name}</Data>
                )}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {open.length + proprietary.length + hardware.length > 0 ? (
        <Section id={`${idPrefix}-dependencies`} heading={t("catalog.details.dependencies")}>
          {(
            [
              ["open", open],
              ["proprietary", proprietary],
              ["hardware", hardware],
            ] as const
          ).map(([kind, items]) =>
            items.length > 0 ? (
              <div key={kind}>
                <h3>{t(`catalog.details.dependencyKinds.${kind}`)}</h3>
                <ul className="usa-list">
                  {items.map((dependency) => (
                    <DependencyLine key={dependency.name} dependency={dependency} />
                  ))}
                </ul>
              </div>
            ) : null,
          )}
        </Section>
      ) : null}

      {audience.scope.length + audience.countries.length + audience.unsupportedCountries.length > 0 ? (
        <Section id={`${idPrefix}-audience`} heading={t("catalog.details.audience")}>
          <dl className="civitas-facts">
            {audience.scope.length > 0 ? (
              <Fact label={t("catalog.details.scope")}>
                <DataList items={audience.scope} />
              </Fact>
            ) : null}
            {audience.countries.length > 0 ? <Fact label={t("catalog.details.countries")}>{audience.countries.map(country).join(", ")}</Fact> : null}
            {audience.unsupportedCountries.length > 0 ? (
              <Fact label={t("catalog.details.unsupportedCountries")}>{audience.unsupportedCountries.map(country).join(", ")}</Fact>
            ) : null}
          </dl>
        </Section>
      ) : null}
    </>
  );
}

import "./impact.css";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { OpenDataIndexView } from "../../../contracts/impact.ts";
import { api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Tagged } from "../../components/tagged.tsx";
import { Table } from "../../components/uswds.tsx";
import NotFoundPage from "../platform/NotFoundPage.tsx";

/**
 * The city's open data: each dataset with what it holds, its fields documented, and where to
 * download it as CSV or JSON. None holds personal data.
 */
export default function OpenDataPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const index = useQuery({
    queryKey: ["open-data", slug],
    queryFn: () => api.get<OpenDataIndexView>(`${cityApi(slug)}/open-data`),
    enabled: city.isSuccess,
  });

  if (city.isPending) return <Loading />;
  if (city.error) return <NotFoundPage />;

  return (
    <>
      <PageHeading>{t("impact.openData.title")}</PageHeading>
      <p className="usa-intro">{t("impact.openData.intro", { city: city.data.name })}</p>
      <ProblemAlert error={index.error} />
      {index.isPending && !index.error ? <Loading /> : null}
      {index.data ? <Datasets index={index.data} /> : null}
      <p className="civitas-space-above">
        <Link to={`/${slug}/impact`}>{t("impact.openData.impactLink")}</Link>
      </p>
    </>
  );
}

function Datasets({ index }: { index: OpenDataIndexView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const columns = { name: t("impact.openData.field"), type: t("impact.openData.type"), description: t("impact.openData.description") };
  return (
    <>
      <p>{t("impact.openData.license", { license: index.license })}</p>
      <p>{t("impact.openData.money", { currency: index.currency })}</p>
      <p>
        {t("impact.openData.api")}{" "}
        <a href={`${cityApi(slug)}/open-data`}>
          <code>{`${cityApi(slug)}/open-data`}</code>
        </a>
      </p>
      {index.datasets.length === 0 ? <p>{t("impact.openData.none")}</p> : null}
      {index.datasets.map((dataset) => (
        <section key={dataset.id} aria-labelledby={`dataset-${dataset.id}`} className="civitas-impact-dataset">
          {/* The datasets are documented in English, whatever the reader's language. */}
          <h2 id={`dataset-${dataset.id}`} lang="en">
            {dataset.title}
          </h2>
          <p lang="en">{dataset.description}</p>
          <ul className="civitas-impact-downloads">
            <li>
              <a className="usa-button usa-button--outline" href={dataset.csv} download>
                {/* One flex item: the button spaces its items apart. */}
                <span>
                  <Tagged text={t("impact.openData.csv", { title: dataset.title })} tag="title" element={<span lang="en" />} />
                </span>
              </a>
            </li>
            <li>
              <a className="usa-button usa-button--outline" href={dataset.json} download>
                {/* One flex item: the button spaces its items apart. */}
                <span>
                  <Tagged text={t("impact.openData.json", { title: dataset.title })} tag="title" element={<span lang="en" />} />
                </span>
              </a>
            </li>
          </ul>
          <Table stacked caption={<Tagged text={t("impact.openData.fieldsCaption", { title: dataset.title })} tag="title" element={<span lang="en" />} />}>
            <thead>
              <tr>
                <th scope="col">{columns.name}</th>
                <th scope="col">{columns.type}</th>
                <th scope="col">{columns.description}</th>
              </tr>
            </thead>
            <tbody>
              {dataset.fields.map((field) => (
                <tr key={field.name}>
                  <th scope="row" data-label={columns.name} className="civitas-impact-name">
                    <code>{field.name}</code>
                  </th>
                  <td data-label={columns.type}>{t(`impact.openData.types.${field.type}`)}</td>
                  <td data-label={columns.description} lang="en">
                    {field.description}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </section>
      ))}
    </>
  );
}

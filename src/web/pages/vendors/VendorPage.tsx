import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { VendorView } from "../../../contracts/vendors.ts";
import { ApiProblem, api } from "../../api.ts";
import { useCitySlug } from "../../components/city.ts";
import { TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, Form } from "../../components/uswds.tsx";
import { rolesIn, useMe } from "../../session.ts";
import { Checkbox } from "../opportunities/parts.tsx";
import { rolesThatCannotBeVendors, VendorFacts, VendorStatusTag, vendorsApi } from "./parts.tsx";

/**
 * A signed-in person's vendor registration in this city: the form to register, or the registration
 * with where it stands and what it allows.
 */
export default function VendorPage() {
  const { t } = useTranslation();
  return (
    <RequireAccess>
      <PageHeading>{t("vendors.own.title")}</PageHeading>
      <OwnVendor />
    </RequireAccess>
  );
}

function OwnVendor() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const mine = useQuery({
    queryKey: ["vendor-me", slug],
    queryFn: () => api.get<VendorView>(`${vendorsApi(slug)}/me`),
    retry: false,
  });
  if (mine.isPending) return <Loading />;
  if (mine.data) return <Registration vendor={mine.data} />;
  // Not registered yet is the API's 404; anything else is a problem to show.
  if (mine.error instanceof ApiProblem && mine.error.status === 404) return <Register />;
  return (
    <>
      <p className="usa-intro">{t("vendors.own.intro")}</p>
      <ProblemAlert error={mine.error} />
    </>
  );
}

function Registration({ vendor }: { vendor: VendorView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  return (
    <>
      <section aria-labelledby="vendor-registration">
        <h2 id="vendor-registration">
          {t("vendors.own.registrationHeading")} <VendorStatusTag status={vendor.status} />
        </h2>
        {vendor.status === "pending" ? (
          <Alert type="info" headingLevel="h3" heading={t("vendors.own.pending.heading")}>
            <p>{t("vendors.own.pending.text")}</p>
          </Alert>
        ) : null}
        {vendor.status === "verified" ? (
          <Alert type="success" headingLevel="h3" heading={t("vendors.own.verified.heading")}>
            <p>{t("vendors.own.verified.text")}</p>
          </Alert>
        ) : null}
        {vendor.status === "rejected" ? (
          <Alert type="warning" headingLevel="h3" heading={t("vendors.own.rejected.heading")}>
            <p>{t("vendors.own.rejected.reasonLabel")}</p>
            <p className="civitas-description civitas-break">{vendor.reviewReason}</p>
            <p>{t("vendors.own.rejected.next")}</p>
          </Alert>
        ) : null}
        <VendorFacts vendor={vendor} />
      </section>
      <section aria-labelledby="vendor-allows" className="civitas-space-above">
        <h2 id="vendor-allows">{t("vendors.own.allowsHeading")}</h2>
        <ul className="usa-list">
          <li>{t("vendors.own.allows.bid")}</li>
          <li>{t("vendors.own.allows.assigned")}</li>
          <li>{t("vendors.own.allows.paid")}</li>
        </ul>
        {vendor.status === "verified" ? (
          <ul className="usa-list">
            <li>
              <Link to={`/${slug}/bounties`}>{t("vendors.own.links.bounties")}</Link>
            </li>
            <li>
              <Link to={`/${slug}/my-work`}>{t("vendors.own.links.myWork")}</Link>
            </li>
          </ul>
        ) : (
          <p>{t("vendors.own.allowsOnlyVerified")}</p>
        )}
        <p>{t("vendors.own.publicNote")}</p>
      </section>
    </>
  );
}

function Register() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const me = useMe();
  const queryClient = useQueryClient();
  const [legalName, setLegalName] = useState("");
  const [smallBusiness, setSmallBusiness] = useState(false);
  const [taxFormOnFile, setTaxFormOnFile] = useState(false);
  const [paymentReference, setPaymentReference] = useState("");
  const register = useMutation({
    mutationFn: () =>
      api.post<VendorView>(vendorsApi(slug), {
        legalName,
        smallBusiness,
        taxFormOnFile,
        paymentReference: paymentReference.trim() === "" ? null : paymentReference,
      }),
    onSuccess: (created) => {
      queryClient.setQueryData(["vendor-me", slug], created);
    },
  });
  // The API refuses the city's own staff; say so before they fill in the form, not after.
  const staff = rolesIn(me.data, slug).some((role) => rolesThatCannotBeVendors.includes(role));
  const refused = register.error instanceof ApiProblem && register.error.status === 403;
  const fieldLabels = {
    legalName: t("vendors.fields.legalName"),
    smallBusiness: t("vendors.fields.smallBusiness"),
    taxFormOnFile: t("vendors.fields.taxFormOnFile"),
    paymentReference: t("vendors.fields.paymentReference"),
  };

  return (
    <>
      <p className="usa-intro">{t("vendors.own.intro")}</p>
      <h2>{t("vendors.own.stepsHeading")}</h2>
      <ol className="usa-list">
        <li>{t("vendors.own.steps.register")}</li>
        <li>{t("vendors.own.steps.verify")}</li>
        <li>{t("vendors.own.steps.bid")}</li>
      </ol>
      {staff || refused ? (
        <Alert type="info" headingLevel="h2" heading={t("vendors.own.staff.heading")}>
          <p>{t("vendors.own.staff.text")}</p>
        </Alert>
      ) : (
        <section aria-labelledby="vendor-register">
          <h2 id="vendor-register">{t("vendors.own.registerHeading")}</h2>
          <Form
            onSubmit={(event) => {
              event.preventDefault();
              register.mutate();
            }}
          >
            <ProblemAlert error={register.error} fieldLabels={fieldLabels} />
            <TextField
              id="vendor-legal-name"
              name="legalName"
              label={t("vendors.fields.legalName")}
              hint={t("vendors.hints.legalName")}
              autoComplete="organization"
              maxLength={200}
              value={legalName}
              onChange={(event) => setLegalName(event.target.value)}
              error={register.error}
              required
            />
            <fieldset className="usa-fieldset">
              <legend className="usa-legend">{t("vendors.own.aboutLegend")}</legend>
              <Checkbox
                id="vendor-small-business"
                label={t("vendors.fields.smallBusiness")}
                hint={t("vendors.hints.smallBusiness")}
                checked={smallBusiness}
                onChange={setSmallBusiness}
              />
              <Checkbox
                id="vendor-tax-form"
                label={t("vendors.fields.taxFormOnFile")}
                hint={t("vendors.hints.taxFormOnFile")}
                checked={taxFormOnFile}
                onChange={setTaxFormOnFile}
              />
            </fieldset>
            <TextField
              id="vendor-payment-reference"
              name="paymentReference"
              label={t("vendors.fields.paymentReferenceOptional")}
              hint={t("vendors.hints.paymentReference")}
              autoComplete="off"
              maxLength={200}
              value={paymentReference}
              onChange={(event) => setPaymentReference(event.target.value)}
              error={register.error}
            />
            <Button type="submit" disabled={register.isPending}>
              {t("vendors.own.submit")}
            </Button>
          </Form>
        </section>
      )}
    </>
  );
}

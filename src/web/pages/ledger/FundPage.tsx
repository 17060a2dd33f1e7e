import "./ledger.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { addToFundResponse, FundBalancesView, ledgerPostingList } from "../../../contracts/ledger.ts";
import { ApiProblem, api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { TextAreaField, TextField } from "../../components/Fields.tsx";
import { formatDateTime } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { useMoneyFormat } from "../../components/money.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, Form, Table } from "../../components/uswds.tsx";
import { hasRoleIn, type RoleName, useMe } from "../../session.ts";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { newIdempotencyKey, parseAmountText } from "./money.ts";

/** The bounty fund for the people who hold its money: balances, additions, the ledger and the payment export. */

type PostingList = z.infer<typeof ledgerPostingList>;
type AddToFundResult = z.infer<typeof addToFundResponse>;

/** Who may read the fund and its ledger, add money to it, and export payments: as the API allows. */
const ledgerRoles: RoleName[] = ["city_admin", "dso_staff", "contracting_officer"];
const addRoles: RoleName[] = ["city_admin", "dso_staff"];
const paymentRoles: RoleName[] = ["city_admin", "dso_staff"];

export default function FundPage() {
  const { t } = useTranslation();
  return (
    <RequireAccess roles={ledgerRoles}>
      <AdminBreadcrumb current={t("fund.title")} />
      <Fund />
    </RequireAccess>
  );
}

function Fund() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const me = useMe();
  const balances = useQuery({ queryKey: ["fund", slug], queryFn: () => api.get<FundBalancesView>(`${cityApi(slug)}/fund`) });
  return (
    <>
      <PageHeading>{t("fund.title")}</PageHeading>
      <p className="usa-intro">{t("fund.intro")}</p>
      <ProblemAlert error={balances.error} />
      {balances.isPending ? <Loading /> : null}
      {balances.data ? <Balances balances={balances.data} /> : null}
      {hasRoleIn(me.data, slug, addRoles) && balances.data ? <AddToFund currency={balances.data.currency} /> : null}
      {hasRoleIn(me.data, slug, paymentRoles) ? <PaymentExport /> : null}
      <Postings />
    </>
  );
}

const balanceFigures = [
  { key: "available", field: "availableMinor" },
  { key: "reserved", field: "reservedMinor" },
  { key: "payable", field: "payableMinor" },
  { key: "paid", field: "paidMinor" },
  { key: "added", field: "addedMinor" },
] as const;

function Balances({ balances }: { balances: FundBalancesView }) {
  const { t } = useTranslation();
  const money = useMoneyFormat();
  return (
    <section aria-labelledby="fund-balances">
      <h2 id="fund-balances">{t("fund.balances.heading")}</h2>
      <dl className="civitas-figures">
        {balanceFigures.map((figure) => (
          <div key={figure.key} className="civitas-figures__item">
            <dt>{t(`fund.balances.${figure.key}`)}</dt>
            <dd className="civitas-figures__value">{money(balances[figure.field], balances.currency)}</dd>
            <dd className="civitas-figures__note">{t(`fund.balances.${figure.key}Note`)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/**
 * Adds money to the fund. Each submission carries a key made once for it: a double click, or the same
 * submission sent again after a lost answer, adds the money once. Changing the amount or the note
 * makes it a new submission with a new key.
 */
function AddToFund({ currency }: { currency: string }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const money = useMoneyFormat();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState("");
  const [note, setNote] = useState("");
  const [localError, setLocalError] = useState<ApiProblem | null>(null);
  const submission = useRef<{ key: string; amountMinor: number; note: string } | null>(null);
  const add = useMutation({
    mutationFn: (body: { amountMinor: number; note: string; idempotencyKey: string }) => api.post<AddToFundResult>(`${cityApi(slug)}/fund/additions`, body),
    onSuccess: async (result) => {
      submission.current = null;
      setAmount("");
      setNote("");
      queryClient.setQueryData(["fund", slug], result.balances);
      await queryClient.invalidateQueries({ queryKey: ["ledger", slug] });
    },
  });
  const fieldLabels = { amountMinor: t("fund.add.amount"), note: t("fund.add.note") };

  return (
    <section aria-labelledby="fund-add">
      <h2 id="fund-add">{t("fund.add.heading")}</h2>
      <div role="status">
        {add.isSuccess && !add.isPending ? (
          <Alert type="success" headingLevel="h3" slim>
            {add.data.posted
              ? t("fund.add.added", { amount: money(add.variables.amountMinor, currency) })
              : t("fund.add.alreadyAdded", { amount: money(add.variables.amountMinor, currency) })}
          </Alert>
        ) : null}
      </div>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          // A second click while the first is on its way is the same submission: nothing more to send.
          if (add.isPending) return;
          const parsed = parseAmountText(amount, currency);
          if (!parsed.ok) {
            setLocalError(
              new ApiProblem(400, {
                title: t("fund.add.checkTitle"),
                errors: [{ field: "amountMinor", message: t(`fund.add.amountErrors.${parsed.reason}`) }],
              }),
            );
            return;
          }
          setLocalError(null);
          const trimmedNote = note.trim();
          const previous = submission.current;
          if (!previous || previous.amountMinor !== parsed.amountMinor || previous.note !== trimmedNote) {
            submission.current = { key: newIdempotencyKey(), amountMinor: parsed.amountMinor, note: trimmedNote };
          }
          const current = submission.current;
          if (current) add.mutate({ amountMinor: current.amountMinor, note: current.note, idempotencyKey: current.key });
        }}
      >
        <ProblemAlert error={localError ?? add.error} fieldLabels={fieldLabels} />
        <TextField
          id="fund-amount"
          name="amount"
          field="amountMinor"
          label={t("fund.add.amount")}
          hint={t("fund.add.amountHint", { currency })}
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          error={localError ?? add.error}
          required
        />
        <TextAreaField
          id="fund-note"
          name="note"
          label={t("fund.add.note")}
          hint={t("fund.add.noteHint")}
          value={note}
          maxLength={500}
          rows={2}
          onChange={(event) => setNote(event.target.value)}
          error={add.error}
        />
        <Button type="submit" disabled={add.isPending}>
          {add.isPending ? t("fund.add.adding") : t("fund.add.submit")}
        </Button>
      </Form>
    </section>
  );
}

function PaymentExport() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  return (
    <section aria-labelledby="fund-payments">
      <h2 id="fund-payments">{t("fund.payments.heading")}</h2>
      <p>{t("fund.payments.text")}</p>
      <ul className="usa-list civitas-download-list">
        <li>
          <a href={`${cityApi(slug)}/payments.csv`} download>
            {t("fund.payments.csv")}
          </a>
        </li>
        <li>
          <a href={`${cityApi(slug)}/payments.json`} download="payments.json">
            {t("fund.payments.json")}
          </a>
        </li>
      </ul>
    </section>
  );
}

function Postings() {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const money = useMoneyFormat();
  const postings = useQuery({ queryKey: ["ledger", slug], queryFn: () => api.get<PostingList>(`${cityApi(slug)}/ledger/postings`) });
  return (
    <section aria-labelledby="fund-postings">
      <h2 id="fund-postings">{t("fund.postings.heading")}</h2>
      <p>{t("fund.postings.intro")}</p>
      <ProblemAlert error={postings.error} />
      {postings.isPending ? <Loading /> : null}
      {postings.data && postings.data.postings.length === 0 ? <p>{t("fund.postings.none")}</p> : null}
      {postings.data && postings.data.postings.length > 0 ? (
        <Table stacked caption={t("fund.postings.caption", { count: postings.data.postings.length })}>
          <thead>
            <tr>
              <th scope="col">{t("fund.postings.description")}</th>
              <th scope="col">{t("fund.postings.when")}</th>
              <th scope="col">{t("fund.postings.lines")}</th>
              <th scope="col">{t("fund.postings.balance")}</th>
            </tr>
          </thead>
          <tbody>
            {postings.data.postings.map((posting) => {
              const total = posting.lines.reduce((sum, line) => sum + line.amountMinor, 0);
              return (
                <tr key={posting.id}>
                  <th scope="row" data-label={t("fund.postings.description")} className="civitas-break">
                    {posting.description || t("fund.postings.noDescription")}
                  </th>
                  <td data-label={t("fund.postings.when")}>{formatDateTime(posting.createdAt, i18n.language, city.data?.timeZone)}</td>
                  <td data-label={t("fund.postings.lines")}>
                    <ul className="usa-list usa-list--unstyled civitas-posting-lines">
                      {posting.lines.map((line, index) => (
                        // Lines have no id of their own; their order within a posting is fixed.
                        // biome-ignore lint/suspicious/noArrayIndexKey: see above
                        <li key={index}>
                          <span className="civitas-posting-lines__account">{t(`fund.accounts.${line.account}`)}</span>{" "}
                          <span className="civitas-posting-lines__amount">{money(line.amountMinor, line.currency, { signed: true })}</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td data-label={t("fund.postings.balance")}>{total === 0 ? t("fund.postings.balanced") : t("fund.postings.unbalanced")}</td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}

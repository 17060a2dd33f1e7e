import { useTranslation } from "react-i18next";
import type { ProblemStatus } from "../../../contracts/problems.ts";
import { cityApi } from "../../api.ts";
import { Tag } from "../../components/uswds.tsx";
import type { RoleName } from "../../session.ts";

/** Pieces the problem board, the problem and the report form share. */

export const problemStatuses: readonly ProblemStatus[] = ["new", "accepted", "in_progress", "solved", "declined"];

/** Who triages problems; the server checks again (problems.triage). */
export const triageRoles: RoleName[] = ["city_admin", "dso_staff"];

/** Who drafts bounties from accepted problems; the server checks again (bounties.manage). */
export const bountyRoles: RoleName[] = ["city_admin", "dso_staff", "contracting_officer"];

/** Problems a bounty can be drafted from, as the bounty module accepts them. */
export const readyForBounty: ReadonlySet<ProblemStatus> = new Set(["accepted", "in_progress"]);

/** The moves triage allows from each status, as the server's workflow has them. */
export const nextStatuses: Record<ProblemStatus, Exclude<ProblemStatus, "new">[]> = {
  new: ["accepted", "declined"],
  accepted: ["in_progress", "declined"],
  declined: [],
  in_progress: ["solved"],
  solved: [],
};

export function problemsApi(slug: string): string {
  return `${cityApi(slug)}/problems`;
}

/** Where a problem stands, in words and a colour that never carries the meaning alone. */
export function ProblemStatusTag({ status }: { status: ProblemStatus }) {
  const { t } = useTranslation();
  const tone = { new: "info", accepted: "open", in_progress: "waitlist", solved: "open", declined: "muted" }[status];
  return <Tag className={`civitas-tag civitas-tag--${tone}`}>{t(`problems.status.${status}`)}</Tag>;
}

import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { CampaignStatus, CampaignView } from "../../../contracts/campaigns.ts";
import { api, cityApi } from "../../api.ts";
import { Tag } from "../../components/uswds.tsx";
import type { RoleName } from "../../session.ts";

/** Pieces the campaign pages share. */

/** Who writes and sends campaigns: they reach volunteers' contact details, so the city's organizers of volunteers. */
export const campaignRoles: RoleName[] = ["city_admin", "dso_staff"];

export function campaignsApi(slug: string): string {
  return `${cityApi(slug)}/campaigns`;
}

/** One campaign; refreshed every few seconds while it is being sent, so the funnel fills in on its own. */
export function useCampaign(slug: string, campaignId: string | undefined) {
  return useQuery({
    queryKey: ["campaign", slug, campaignId],
    queryFn: () => api.get<CampaignView>(`${campaignsApi(slug)}/${encodeURIComponent(campaignId ?? "")}`),
    enabled: !!campaignId,
    retry: false,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      if (status === "sending") return 2_000;
      // A scheduled campaign starts on its own; its page notices within a minute.
      if (status === "scheduled") return 30_000;
      return false;
    },
  });
}

const tones: Record<CampaignStatus, string> = {
  draft: "waitlist",
  scheduled: "info",
  sending: "info",
  sent: "open",
  cancelled: "muted",
};

export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return <Tag className={`civitas-tag civitas-tag--${tones[status]}`}>{t(`campaigns.status.${status}`)}</Tag>;
}

/** A whole number in the reader's language: "1,204", "1.204". */
export function useNumberFormat(): (value: number) => string {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language || "en");
  return (value: number) => format.format(value);
}

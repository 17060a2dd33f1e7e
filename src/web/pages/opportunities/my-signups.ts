import { useQuery } from "@tanstack/react-query";
import i18next from "i18next";
import { ApiProblem, api, cityApi } from "../../api.ts";

/** The signed-in person's places in a city, shared by the opportunity page, check-in and "Your shifts". */

export interface MySignup {
  id: string;
  status: "confirmed" | "waitlisted" | "cancelled";
  waitlistPosition: number | null;
  shift: { id: string; startsAt: string; endsAt: string; status: "scheduled" | "cancelled"; note: string };
  opportunity: { id: string; title: string; locationKind: "in_person" | "remote"; address: string | null };
  checkedInAt: string | null;
  checkedOutAt: string | null;
  hours: { minutes: number; status: "pending" | "approved" | "rejected"; rejectionReason: string | null } | null;
  cancelledBecause: string | null;
  cancellationReason: string | null;
}

export interface MySignups {
  upcoming: MySignup[];
  past: MySignup[];
  calendarUrl: string | null;
}

export function useMySignups(slug: string, enabled = true) {
  return useQuery({
    queryKey: ["mySignups", slug],
    queryFn: () => api.get<MySignups>(`${cityApi(slug)}/me/signups`),
    enabled: enabled && !!slug,
  });
}

export interface SignupResult {
  id: string;
  shiftId: string;
  status: "confirmed" | "waitlisted" | "cancelled";
  waitlistPosition: number | null;
}

/**
 * Takes a place as the signed-in person. Unlike api.post this keeps the status code, which says
 * whether the place is new (201) or was already held (200).
 */
export async function signUpForShift(slug: string, shiftId: string): Promise<SignupResult & { alreadyHeld: boolean }> {
  let response: Response;
  try {
    response = await fetch(`${cityApi(slug)}/shifts/${encodeURIComponent(shiftId)}/signups`, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json", "accept-language": i18next.language || "en" },
      body: "{}",
      credentials: "same-origin",
    });
  } catch {
    throw new ApiProblem(0, { code: "network", title: i18next.t("common.networkErrorTitle"), detail: i18next.t("common.networkError") });
  }
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : {};
  if (!response.ok) throw new ApiProblem(response.status, body as ConstructorParameters<typeof ApiProblem>[1]);
  return { ...(body as SignupResult), alreadyHeld: response.status === 200 };
}

import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import type { CityView } from "../../contracts/cities.ts";
import { api, cityApi } from "../api.ts";

/** The city named in the page's path, and its public details. */
export function useCitySlug(): string {
  const { city } = useParams();
  return city ?? "";
}

export function useCity(slug: string | undefined) {
  return useQuery({
    queryKey: ["city", slug],
    queryFn: () => api.get<CityView>(cityApi(slug ?? "")),
    enabled: !!slug,
    staleTime: 60_000,
    retry: false,
  });
}

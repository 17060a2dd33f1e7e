import { z } from "zod";
import { slug } from "./platform.ts";

export const city = z
  .object({
    slug: z.string(),
    name: z.string(),
    timeZone: z.string(),
    defaultLocale: z.string(),
    currency: z.string(),
  })
  .meta({ id: "City" });
export type CityView = z.infer<typeof city>;

export const cityList = z.object({ cities: z.array(city) });

const timeZone = z.string().refine(
  (value) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: value });
      return true;
    } catch {
      return false;
    }
  },
  { error: "errors.field.timeZone" },
);

/** Top-level paths the web app and API use, which a city's address must not shadow. */
export const reservedCitySlugs = ["api", "assets", "admin", "static", "sign-in", "sign-up", "account", "docs", "health", "unsubscribe", "c"];

export const createCityRequest = z.object({
  slug: slug.refine((value) => !reservedCitySlugs.includes(value), { error: "errors.cities.slugReserved" }),
  name: z.string().trim().min(2).max(120),
  timeZone,
  defaultLocale: z.string().min(2).max(10).default("en"),
  currency: z.string().length(3).toUpperCase().default("USD"),
});

export const updateCityRequest = z.object({
  name: z.string().trim().min(2).max(120).optional(),
  timeZone: timeZone.optional(),
  defaultLocale: z.string().min(2).max(10).optional(),
});

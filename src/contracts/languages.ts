/*
 * Kept apart from the zod contracts so that the web app can list languages without downloading zod.
 */

// Languages a volunteer can say they speak: primary BCP 47 codes of the languages most spoken at
// home in US cities (American Community Survey), plus American Sign Language. The web shows each
// in the reader's language with Intl.DisplayNames.
export const volunteerLanguages = [
  "en",
  "es",
  "zh",
  "tl",
  "vi",
  "ar",
  "fr",
  "ko",
  "ru",
  "de",
  "ht",
  "hi",
  "pt",
  "it",
  "pl",
  "ur",
  "fa",
  "gu",
  "ja",
  "el",
  "bn",
  "te",
  "ta",
  "pa",
  "hy",
  "km",
  "hmn",
  "lo",
  "ne",
  "so",
  "am",
  "yo",
  "th",
  "uk",
  "he",
  "ro",
  "sw",
  "my",
  "nv",
  "ase",
] as const;

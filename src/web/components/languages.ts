import { useTranslation } from "react-i18next";

/**
 * A language's name in the reader's language: capitalised for a label ("Inglés"), or as written inside
 * a sentence (`inSentence`: "hablar inglés", "speaking English"); the code itself when ICU has no name.
 */
export function useLanguageName({ inSentence = false }: { inSentence?: boolean } = {}): (code: string) => string {
  const { t, i18n } = useTranslation();
  const locale = i18n.language || "en";
  const names = new Intl.DisplayNames([locale], { type: "language", fallback: "code" });
  return (code: string) => {
    let name: string | undefined;
    try {
      name = names.of(code);
    } catch {
      name = code;
    }
    // ICU has no name for a few codes (American Sign Language); the volunteer pages' language files do.
    if (!name || name === code) return t(`volunteers.languageNames.${code}`, { defaultValue: code });
    return inSentence ? name : name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  };
}

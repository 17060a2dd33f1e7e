import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { availableLanguages, changeLanguage, languageName } from "../i18n/index.ts";

/** One button per available language, each labelled in its own language. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <fieldset className="civitas-language">
      <legend className="usa-sr-only">{t("nav.language")}</legend>
      {availableLanguages.map((code) => {
        const current = i18n.language === code;
        return (
          <button
            key={code}
            type="button"
            lang={code}
            className={`usa-button usa-button--unstyled civitas-language__option${current ? " is-current" : ""}`}
            aria-pressed={current}
            onClick={async () => {
              await changeLanguage(code);
              // Server-rendered text (problem details, names of roles) follows the new language.
              await queryClient.invalidateQueries();
            }}
          >
            {languageName(code)}
          </button>
        );
      })}
    </fieldset>
  );
}

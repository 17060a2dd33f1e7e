import { cloneElement, type ReactElement, type ReactNode } from "react";

/**
 * A translated sentence with one part marked `<tag>…</tag>` (a city's name inside "From <city>…</city>"):
 * that part is rendered inside `element`, the rest as text. A few lines in place of react-i18next's
 * Trans, which brings an HTML parser to every page that uses it.
 */
export function Tagged({ text, tag, element }: { text: string; tag: string; element: ReactElement<{ children?: ReactNode }> }) {
  const match = new RegExp(`^([\\s\\S]*?)<${tag}>([\\s\\S]*?)</${tag}>([\\s\\S]*)$`).exec(text);
  if (!match) return <>{text}</>;
  return (
    <>
      {match[1]}
      {cloneElement(element, undefined, match[2])}
      {match[3]}
    </>
  );
}

import { createElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Tagged } from "./tagged.tsx";

const mark = createElement("span", { translate: "no" }) as ReactElement<{ children?: ReactNode }>;
const render = (text: string) => renderToStaticMarkup(createElement(Tagged, { text, tag: "city", element: mark }));

describe("Tagged", () => {
  it("puts the marked part of a sentence in the element and keeps the rest as text", () => {
    expect(render("From <city>Springfield</city> · updated 2 days ago")).toBe('From <span translate="no">Springfield</span> · updated 2 days ago');
    expect(render("<city>Springfield</city> comparte esto")).toBe('<span translate="no">Springfield</span> comparte esto');
  });

  it("shows a sentence without the mark as it is, and escapes what a city's name holds", () => {
    expect(render("From nowhere")).toBe("From nowhere");
    expect(render("From <city>Spring & <b>field</b></city>")).toBe('From <span translate="no">Spring &amp; &lt;b&gt;field&lt;/b&gt;</span>');
  });
});

import { describe, expect, it } from "vitest";
import { renderMail } from "./render.ts";

describe("mail layout", () => {
  it("escapes what people typed and keeps the link usable as text", () => {
    const { text, html } = renderMail({
      locale: "en",
      heading: "Hi <script>",
      paragraphs: ['Tom & "Jerry"'],
      action: { label: "Open", url: "https://x.example/a?b=1&c=2" },
      footer: "Bye",
    });
    expect(html).toContain("Hi &lt;script&gt;");
    expect(html).toContain("Tom &amp; &quot;Jerry&quot;");
    expect(html).toContain('href="https://x.example/a?b=1&amp;c=2"');
    expect(html).not.toContain("<script>");
    expect(text).toBe('Hi <script>\n\nTom & "Jerry"\n\nOpen: https://x.example/a?b=1&c=2\n\n--\nBye');
  });
});

import { describe, expect, it } from "vitest";
import { chooseMessageLanguage, composeCampaignMessage } from "./compose-message.ts";

const base = {
  city: { name: "Riverton", slug: "riverton", defaultLocale: "en" },
  campaign: {
    id: "01900000-0000-7000-8000-00000000000a",
    name: "Flood response",
    channel: "email" as const,
    messages: {
      en: { subject: "Help us, {{name}}", body: "Hi {{name}},\n\nSandbags at <the depot> & more: https://example.org/map?a=1&b=2.\nSecond line." },
      es: { subject: "Ayúdenos, {{name}}", body: "Hola {{name}}:\n\nSacos de arena." },
    },
    opportunityId: "01900000-0000-7000-8000-00000000000b",
  },
  recipient: { id: "01900000-0000-7000-8000-00000000000c", name: "Ana María López", language: "es", token: "0123456789abcdef0123456789abcdef" },
  publicUrl: "https://civitas.example.org/",
};

describe("a campaign message", () => {
  it("is in the recipient's language, with their first name, the tracked link and a visible unsubscribe link", () => {
    const message = composeCampaignMessage(base);
    expect(message.language).toBe("es");
    expect(message.subject).toBe("Ayúdenos, Ana");
    expect(message.trackedUrl).toBe("https://civitas.example.org/c/0190000000007000800000000000000c0123456789abcdef0123456789abcdef");
    expect(message.unsubscribeUrl).toBe("https://civitas.example.org/riverton/unsubscribe/0190000000007000800000000000000c0123456789abcdef0123456789abcdef");
    expect(message.text).toContain("Hola Ana:");
    expect(message.text).toContain(`Ver la oportunidad e inscribirse: ${message.trackedUrl}`);
    expect(message.text).toContain(`Darse de baja de estos mensajes: ${message.unsubscribeUrl}`);
    expect(message.text).toContain("Riverton");
    expect(message.html).toContain('lang="es"');
    expect(message.html).toContain(`href="${message.unsubscribeUrl}"`);
    expect(message.html).toContain(`href="${message.trackedUrl}"`);
  });

  it("falls back to the city's default language when there is no message in the recipient's", () => {
    const message = composeCampaignMessage({ ...base, recipient: { ...base.recipient, language: "vi" } });
    expect(message.language).toBe("en");
    expect(message.subject).toBe("Help us, Ana");
    expect(message.text).toContain("Unsubscribe from these messages: ");
    expect(chooseMessageLanguage({ es: { subject: "", body: "x" } }, "fr", "en")).toBe("es");
  });

  it("escapes what staff typed, keeps paragraphs and line breaks, and makes addresses clickable", () => {
    const message = composeCampaignMessage({ ...base, recipient: { ...base.recipient, language: "en" } });
    expect(message.html).toContain("Sandbags at &lt;the depot&gt; &amp; more: ");
    expect(message.html).toContain('<a href="https://example.org/map?a=1&amp;b=2">https://example.org/map?a=1&amp;b=2</a>.<br>');
    expect(message.html).not.toContain("<the depot>");
    expect(message.html?.match(/<p>/g)?.length).toBeGreaterThanOrEqual(3);
  });

  it("carries one-click unsubscribe headers (RFC 8058), bulk markers and a Message-ID that is the same every time", () => {
    const message = composeCampaignMessage(base);
    expect(message.headers["List-Unsubscribe"]).toBe(
      "<https://civitas.example.org/api/v1/unsubscribe/0190000000007000800000000000000c0123456789abcdef0123456789abcdef>",
    );
    expect(message.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(message.headers.Precedence).toBe("bulk");
    expect(message.headers["Auto-Submitted"]).toBe("auto-generated");
    expect(message.messageId).toBe("campaign.01900000-0000-7000-8000-00000000000c@civitas.example.org");
    expect(composeCampaignMessage(base).messageId).toBe(message.messageId);
    expect(composeCampaignMessage({ ...base, recipient: { ...base.recipient, id: "other" } }).messageId).not.toBe(message.messageId);
  });

  it("has no tracked link when the campaign names no opportunity", () => {
    const message = composeCampaignMessage({ ...base, campaign: { ...base.campaign, opportunityId: null } });
    expect(message.trackedUrl).toBeNull();
    expect(message.text).not.toContain("/c/");
  });

  it("is short for SMS: the body, the link and how to stop", () => {
    const message = composeCampaignMessage({ ...base, campaign: { ...base.campaign, channel: "sms" } });
    expect(message.html).toBeNull();
    expect(message.headers).toEqual({});
    expect(message.text).toBe(
      "Hola Ana:\n\nSacos de arena.\nhttps://civitas.example.org/c/0190000000007000800000000000000c0123456789abcdef0123456789abcdef\nNo recibir más: https://civitas.example.org/riverton/unsubscribe/0190000000007000800000000000000c0123456789abcdef0123456789abcdef",
    );
  });

  it("greets someone without a name in their language", () => {
    expect(composeCampaignMessage({ ...base, recipient: { ...base.recipient, name: "" } }).subject).toBe("Ayúdenos, amiga o amigo");
  });
});

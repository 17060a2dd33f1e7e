import { describe, expect, it } from "vitest";
import { linkToken, parseLinkToken } from "./link-token.ts";

describe("campaign link tokens", () => {
  const id = "0193b2a4-7c1e-7d2f-8a3b-4c5d6e7f8091";
  const secret = "5f0c6a1e9b2d4c7f8e3a0b1c2d3e4f50";

  it("carry the recipient id and secret and give them back", () => {
    const token = linkToken(id, secret);
    expect(token).toBe("0193b2a47c1e7d2f8a3b4c5d6e7f80915f0c6a1e9b2d4c7f8e3a0b1c2d3e4f50");
    expect(parseLinkToken(token)).toEqual({ recipientId: id, secret });
  });

  it("refuse anything that cannot be one", () => {
    for (const token of [
      "",
      "a-token-that-nobody-was-ever-sent",
      linkToken(id, secret).slice(1),
      `${linkToken(id, secret)}0`,
      linkToken(id, secret).toUpperCase(),
    ]) {
      expect(parseLinkToken(token)).toBeNull();
    }
  });
});

/**
 * The token in a campaign message's links (tracked link, unsubscribe): the recipient row's id, then
 * that row's random secret. The id finds the row by its primary key and the secret proves the link
 * was in the message, so the secret needs no index of its own — a unique index over 100,000 random
 * strings was the costliest part of queueing a campaign.
 */
export function linkToken(recipientId: string, secret: string): string {
  return `${recipientId.replaceAll("-", "")}${secret}`;
}

/** The recipient id and secret in a link token, or null when it cannot be one of ours. */
export function parseLinkToken(token: string): { recipientId: string; secret: string } | null {
  const match = /^([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})([0-9a-f]{32})$/.exec(token);
  if (!match) return null;
  const [, a, b, c, d, e, secret] = match;
  return { recipientId: `${a}-${b}-${c}-${d}-${e}`, secret: secret as string };
}

/**
 * A search box's words as a PostgreSQL tsquery where every word may be the start of a longer one
 * ("perm" finds "permits"), all words required. Anything but letters and digits is dropped, so no
 * input can make a malformed query.
 */
export function prefixTsQuery(text: string | undefined): string | null {
  const words = (text ?? "").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words
    .slice(0, 12)
    .map((word) => `${word}:*`)
    .join(" & ");
}

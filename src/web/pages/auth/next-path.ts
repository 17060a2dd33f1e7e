/** Where to go after signing in: only a path on this site, never another origin. */
export function safeNextPath(next: string | null, fallback: string): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  return next;
}

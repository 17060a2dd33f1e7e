/**
 * Dates of credentials, as calendar dates (YYYY-MM-DD) in the city's time zone: a background check
 * issued on 31 January with 1 month of validity expires on 28 (or 29) February.
 */

export function addMonths(date: string, months: number): string {
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${String(targetYear).padStart(4, "0")}-${String(targetMonth).padStart(2, "0")}-${String(Math.min(day, lastDay)).padStart(2, "0")}`;
}

/** Today's date on the city's wall calendar. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** A credential is valid up to the day before it expires; on its expiry date it no longer counts. */
export function credentialStatusOn(expiresOn: string | null, today: string): "valid" | "expired" {
  return expiresOn !== null && expiresOn <= today ? "expired" : "valid";
}

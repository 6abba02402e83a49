// Small formatting helpers shared by the views.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "21 Aug 2026" from an ISO date or timestamp (UTC). */
export function shortDate(iso: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "Friday, 21 Aug 2026". */
export function longDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()]}, ${shortDate(day)}`;
}

/** "1.2k" for star counts. */
export function compactCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 10_000) return `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return `${Math.round(n / 1000)}k`;
}

/** A reader's public profile. */
export function userPath(userId: number): string {
  return `/users/${userId}`;
}

export function paperPath(id: string): string {
  // Old-style ids keep their slash; each part is still escaped for the URL.
  return `/papers/${id.split('/').map(encodeURIComponent).join('/')}`;
}

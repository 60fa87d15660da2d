// The time a digest reports on. A guardian's first digest has no previous one to count
// from: it covers the last seven days, or the period so far when that is shorter, so the
// first message a family gets is neither empty nor the whole term at once.
const DAY_MS = 86_400_000;
export const FIRST_DIGEST_DAYS = 7;

export function digestWindow(lastDigestAt: Date | null, until: Date, periodStartsOn: string | null): Date {
  if (lastDigestAt) return lastDigestAt;
  const week = new Date(until.getTime() - FIRST_DIGEST_DAYS * DAY_MS);
  const start = periodStartsOn ? new Date(`${periodStartsOn}T00:00:00Z`) : null;
  return start && start > week && start < until ? start : week;
}

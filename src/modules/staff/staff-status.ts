/**
 * Where an account stands, as the staff list shows it. Derived from the row and the clock,
 * never stored, so an invitation "expires" without anyone touching the row.
 */
/** Longest full name an account may carry (the pages and the audit log show it whole). */
export const STAFF_NAME_MAX = 200;

export const STAFF_STATUSES = ['active', 'invited', 'invite_expired', 'disabled'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

export function isStaffStatus(value: unknown): value is StaffStatus {
  return typeof value === 'string' && (STAFF_STATUSES as readonly string[]).includes(value);
}

export function staffStatus(user: { disabledAt: Date | null; passwordHash: string | null; inviteExpiresAt: Date | null }, now: Date): StaffStatus {
  if (user.disabledAt) return 'disabled';
  if (user.passwordHash) return 'active';
  return user.inviteExpiresAt && user.inviteExpiresAt > now ? 'invited' : 'invite_expired';
}

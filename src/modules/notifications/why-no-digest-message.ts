// Why a composed digest queued no message, so that `digest run` can say more than
// "0 messages": the operator can act on each reason (ask for the email to be confirmed,
// turn digests over MAX on, print paper statements).
import { isWorkingElectronic, type ChannelRow } from './choose-channels.js';

export const DIGEST_SKIP_REASONS = ['paper', 'keptOffMax', 'unverifiedEmail', 'noActiveChannel'] as const;
export type DigestSkipReason = (typeof DIGEST_SKIP_REASONS)[number];
export type DigestSkipCounts = Record<DigestSkipReason, number>;

export function emptySkipCounts(): DigestSkipCounts {
  return { paper: 0, keptOffMax: 0, unverifiedEmail: 0, noActiveChannel: 0 };
}

export function addSkipCounts(into: DigestSkipCounts, from: DigestSkipCounts): void {
  for (const reason of DIGEST_SKIP_REASONS) into[reason] += from[reason];
}

/** Called only when no electronic channel was chosen for the digest. */
export function whyNoDigestMessage(channels: readonly ChannelRow[], options: { maxDigests: boolean }): DigestSkipReason {
  // A family that refused electronic delivery gets its printed statement: that is no fault.
  if (channels.some((c) => c.type === 'paper')) return 'paper';
  if (!options.maxDigests && channels.some((c) => c.type === 'max' && isWorkingElectronic(c))) return 'keptOffMax';
  if (channels.some((c) => c.type === 'email' && c.enabled && c.active && Boolean(c.address) && !c.verified)) return 'unverifiedEmail';
  return 'noActiveChannel';
}

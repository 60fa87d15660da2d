// Whether a guardian's channel reaches them, in the words staff pages and reports use.
import type { ChannelType } from '../../generated/prisma/enums.js';

export interface ChannelState {
  /** Every kind a channel row may have; each is labelled by `staff:channel.<type>`. */
  type: ChannelType;
  works: boolean;
  /** Why it does not work, or for a working chat that the parent muted it ("muted"). */
  reason: string | null;
  /** The chat messenger the guardian chose to receive messages in. */
  preferred: boolean;
}

export interface ChannelRow {
  type: ChannelState['type'];
  address: string | null;
  active: boolean;
  enabled: boolean;
  verified: boolean;
  muted: boolean;
  inactiveReason: string | null;
}

export function channelState(c: ChannelRow, preferredChat: string | null): ChannelState {
  // Paper always reaches the family through the class teacher; electronic channels must be
  // confirmed and still linked (an erased or never-linked chat has no address).
  const paper = c.type === 'paper';
  const works = c.active && c.enabled && (paper || (c.verified && c.address !== null));
  const broken = c.inactiveReason ?? (!c.active ? 'inactive' : !c.enabled ? 'disabled' : !c.verified ? 'unverified' : 'noAddress');
  // A muted chat still receives messages; staff should know that its parent may not notice them.
  const reason = works ? (c.muted ? 'muted' : null) : broken;
  return { type: c.type, works, reason, preferred: c.type === preferredChat };
}

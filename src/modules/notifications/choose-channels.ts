import type { ChannelType } from './types.js';

export interface ChannelRow {
  id: string;
  guardianId: string;
  type: ChannelType;
  address: string | null;
  verified: boolean;
  active: boolean;
  enabled: boolean;
}

export interface ChosenChannel {
  type: ChannelType;
  channelId: string | null;
}

/** Order in which a message falls back when a channel fails. */
export const FALLBACK_ORDER: readonly ChannelType[] = ['telegram', 'email', 'paper'];

export function isWorkingElectronic(channel: ChannelRow): boolean {
  return channel.type !== 'paper' && channel.enabled && channel.active && channel.verified && Boolean(channel.address);
}

/**
 * Every electronic channel the guardian chose that still works; paper when there is
 * none (refused electronic delivery, or every channel blocked or unverified).
 */
export function chooseChannels(channels: readonly ChannelRow[]): ChosenChannel[] {
  const chosen: ChosenChannel[] = [];
  for (const type of FALLBACK_ORDER) {
    const channel = channels.find((c) => c.type === type && isWorkingElectronic(c));
    if (channel) chosen.push({ type, channelId: channel.id });
  }
  if (chosen.length === 0) {
    const paper = channels.find((c) => c.type === 'paper');
    chosen.push({ type: 'paper', channelId: paper?.id ?? null });
  }
  return chosen;
}

/**
 * Where a failed message goes next: a verified, active channel later in the order that
 * was not tried yet for this cause (the guardian's consent covers the verified contacts
 * even if they did not pick them for everyday messages), else paper.
 */
export function nextChannel(channels: readonly ChannelRow[], tried: ReadonlySet<ChannelType>): ChosenChannel {
  for (const type of FALLBACK_ORDER) {
    if (type === 'paper' || tried.has(type)) continue;
    const channel = channels.find((c) => c.type === type && c.active && c.verified && Boolean(c.address));
    if (channel) return { type, channelId: channel.id };
  }
  const paper = channels.find((c) => c.type === 'paper');
  return { type: 'paper', channelId: paper?.id ?? null };
}

import type { ChannelType } from './types.js';

export interface ChannelRow {
  id: string;
  guardianId: string;
  type: ChannelType;
  address: string | null;
  verified: boolean;
  active: boolean;
  enabled: boolean;
  /** The parent muted this chat (MAX reports it): critical messages go by email as well. */
  muted?: boolean;
  /** This is the chat messenger the guardian chose to receive messages in. */
  preferred?: boolean;
}

export interface ChosenChannel {
  type: ChannelType;
  channelId: string | null;
}

/** The chat messengers, in the order used when the guardian chose none. */
export const CHAT_CHANNELS = ['max', 'telegram'] as const satisfies readonly ChannelType[];
export type ChatChannel = (typeof CHAT_CHANNELS)[number];

export function isChatChannel(type: string): type is ChatChannel {
  return (CHAT_CHANNELS as readonly string[]).includes(type);
}

export interface ChooseOptions {
  /** Channels this message may not use (a school that keeps digests off MAX). */
  exclude?: readonly ChannelType[];
  /** Final marks and exam results: a muted chat is backed up by email. */
  critical?: boolean;
}

export function isWorkingElectronic(channel: ChannelRow): boolean {
  return channel.type !== 'paper' && channel.enabled && channel.active && channel.verified && Boolean(channel.address);
}

const reachable = (c: ChannelRow) => c.type !== 'paper' && c.active && c.verified && Boolean(c.address);

/**
 * Web push reaches the family without a messenger, so it comes after the chats and before
 * email, like one more chat; a guardian who chose it (preferredChat) gets it first.
 */
const INSTANT_CHANNELS = [...CHAT_CHANNELS, 'webpush'] as const satisfies readonly ChannelType[];

/** Chats and web push in the order they are tried: the one the guardian chose first, then the rest. */
function chatOrder(channels: readonly ChannelRow[]): ChannelRow[] {
  const order: readonly ChannelType[] = INSTANT_CHANNELS;
  const chats = channels.filter((c) => order.includes(c.type));
  const rank = (c: ChannelRow) => (c.preferred ? 0 : 1) * 10 + order.indexOf(c.type);
  return [...chats].sort((a, b) => rank(a) - rank(b));
}

/** Order in which a message falls back: chat (the chosen one first) → web push → verified email → paper. */
export function fallbackOrder(channels: readonly ChannelRow[]): ChannelRow[] {
  return [...chatOrder(channels), ...channels.filter((c) => c.type === 'email')];
}

/**
 * Where a message goes: one working chat (never two: the other one only when the
 * first fails) and the email if the guardian chose it; paper when nothing electronic
 * works (refused electronic delivery, or every channel blocked or unverified).
 */
export function chooseChannels(channels: readonly ChannelRow[], options: ChooseOptions = {}): ChosenChannel[] {
  const usable = channels.filter((c) => !options.exclude?.includes(c.type));
  const chosen: ChosenChannel[] = [];
  const chat = chatOrder(usable).find(isWorkingElectronic);
  if (chat) chosen.push({ type: chat.type, channelId: chat.id });
  const email = usable.find((c) => c.type === 'email' && isWorkingElectronic(c));
  const backup = options.critical && chat?.muted ? usable.find((c) => c.type === 'email' && reachable(c)) : undefined;
  if (email ?? backup) chosen.push({ type: 'email', channelId: (email ?? backup)!.id });
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
  const channel = fallbackOrder(channels).find((c) => !tried.has(c.type) && reachable(c));
  if (channel) return { type: channel.type, channelId: channel.id };
  const paper = channels.find((c) => c.type === 'paper');
  return { type: 'paper', channelId: paper?.id ?? null };
}

import { AppError } from '../../lib/app-error.js';
import { CHAT_CHANNELS, isChatChannel, type ChatChannel } from '../notifications/choose-channels.js';

/** Why a list of chat channels was refused; adapters word it in the reader's language. */
export interface ChatChannelsProblem {
  field: 'chatChannels';
  reason: 'empty' | 'unknown' | 'duplicate';
  /** The offending entry, for "unknown" and "duplicate". */
  value?: string;
  allowed: string;
}

function refuse(reason: ChatChannelsProblem['reason'], value?: string): never {
  const details: ChatChannelsProblem = { field: 'chatChannels', reason, value, allowed: CHAT_CHANNELS.join(', ') };
  const what = reason === 'empty' ? 'is empty' : reason === 'unknown' ? `names "${value}", which is not a chat messenger` : `names "${value}" twice`;
  throw new AppError('INVALID_INPUT', `the list of chat channels ${what}; choose from ${details.allowed}`, details);
}

/**
 * The chat messengers a school offers, in the order its forms show them: a non-empty list
 * without repeats. Given as "max,telegram" on the command line or as a list from a form.
 */
export function parseChatChannels(input: string | readonly string[]): ChatChannel[] {
  // A stray comma ("max,") is a slip of the keyboard, not a channel.
  const entries = (typeof input === 'string' ? input.split(',') : [...input]).map((entry) => entry.trim().toLowerCase()).filter((entry) => entry !== '');
  if (entries.length === 0) refuse('empty');
  const channels: ChatChannel[] = [];
  for (const entry of entries) {
    if (!isChatChannel(entry)) refuse('unknown', entry);
    if (channels.includes(entry)) refuse('duplicate', entry);
    channels.push(entry);
  }
  return channels;
}

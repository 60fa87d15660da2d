import type { ChannelType, OutboxMessageFields } from '../notifications/types.js';

/** An outbox row claimed for sending, with its channel's current state. */
export interface ClaimedMessage extends OutboxMessageFields {
  id: string;
  attempts: number;
  address: string | null;
  channelUsable: boolean;
}

export type SendOutcome =
  | { kind: 'sent'; providerId?: string }
  /** Temporary trouble: try again later (429 waits do not count as attempts). */
  | { kind: 'retry'; error: string; afterMs?: number; countAttempt: boolean }
  /** This channel cannot deliver: move the message to the next one. */
  | { kind: 'fallback'; error: string; deactivateChannel: boolean };

export interface ChannelSender {
  readonly channelTypes: readonly ChannelType[];
  send(message: ClaimedMessage): Promise<SendOutcome>;
  /** How long until this message could be sent (per-recipient limits); the loop sends others meanwhile. */
  readyIn?(message: ClaimedMessage): number;
  close?(): Promise<void> | void;
}

import type { ChannelType, OutboxMessageFields } from '../notifications/types.js';

/** An outbox row claimed for sending, with its channel's current state. */
export interface ClaimedMessage extends OutboxMessageFields {
  id: string;
  attempts: number;
  address: string | null;
  channelUsable: boolean;
  /** New at every claim; every completion carries it and does nothing once the claim is gone. */
  claimToken: string;
  /** Parts of a split message delivered by earlier attempts, and their provider ids (comma-separated). */
  partsSent: number;
  providerId: string | null;
  createdAt: Date;
  deadlineAt: Date | null;
}

/** What a completion needs to prove it still holds the row. */
export type ClaimRef = Pick<ClaimedMessage, 'id' | 'claimToken'>;

export type SendOutcome =
  | { kind: 'sent'; providerId?: string }
  /** Temporary trouble: try again later (429 waits do not count as attempts). */
  | { kind: 'retry'; error: string; afterMs?: number; countAttempt: boolean }
  /** This channel cannot deliver: move the message to the next one. */
  | { kind: 'fallback'; error: string; deactivateChannel: boolean };

/** Given to a send by the dispatcher: aborted when it must stop sending (lease lost, stopping). */
export interface SendContext {
  signal: AbortSignal;
}

export interface ChannelSender {
  readonly channelTypes: readonly ChannelType[];
  /** A sender that waits (429, pacing) should give up when `context.signal` aborts and return a retry. */
  send(message: ClaimedMessage, context?: SendContext): Promise<SendOutcome>;
  /** How long until this message could be sent (per-recipient limits); the loop sends others meanwhile. */
  readyIn?(message: ClaimedMessage): number;
  close?(): Promise<void> | void;
}

import type pg from 'pg';
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

/** What a chat messenger's sender is built with (Telegram and MAX alike). */
export interface ChatSenderOptions {
  token: string;
  apiRoot?: string;
  perSecond: number;
  perChatPerSecond?: number;
  /** A request without an answer after this long counts as a network error. */
  timeoutSeconds?: number;
  /** Longest wait for a rate-limit slot before the row is handed back. */
  maxSlotWaitMs?: number;
  /** Where the parts of a split message are recorded as they go; without it a retry sends every part. */
  pool?: pg.Pool;
  /** Signs links that open without a password (an announcement's attachment); without it the file is only named. */
  links?: { publicUrl: string; secret: string };
}

export interface ChannelSender {
  readonly channelTypes: readonly ChannelType[];
  /** A sender that waits (429, pacing) should give up when `context.signal` aborts and return a retry. */
  send(message: ClaimedMessage, context?: SendContext): Promise<SendOutcome>;
  /** How long until this message could be sent (per-recipient limits); the loop sends others meanwhile. */
  readyIn?(message: ClaimedMessage): number;
  close?(): Promise<void> | void;
}

// Shapes of the MAX Bot API as the fake speaks it (after MAX's published API and the
// official SDK's types), kept to what Vestnik uses.
export interface MaxUser {
  user_id: number;
  name: string;
  first_name: string;
  last_name?: string;
  username: string | null;
  is_bot: boolean;
  last_activity_time: number;
}

export interface MaxButton {
  type: 'callback' | 'link' | 'message' | 'open_app' | 'request_contact' | 'request_geo_location' | 'clipboard';
  text: string;
  payload?: string;
  url?: string;
}

export interface MaxAttachment {
  type: string;
  payload: { buttons?: MaxButton[][] } & Record<string, unknown>;
}

export interface MaxMessage {
  sender?: MaxUser | null;
  recipient: { chat_id: number | null; chat_type: 'dialog' | 'chat' | 'channel'; user_id: number | null };
  timestamp: number;
  body: { mid: string; seq: number; text: string | null; attachments?: MaxAttachment[] | null };
}

export type MaxUpdate = { update_type: string; timestamp: number } & Record<string, unknown>;

/** A message the bot sent (or edited), as the fake stored it. */
export interface MaxSent {
  mid: string;
  userId: number;
  text: string;
  format: string | undefined;
  buttons: MaxButton[][];
  at: number;
  edited: boolean;
}

export interface MaxCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | undefined;
  status: number;
  at: number;
}

/** A fault answered instead of the real result: an error, or an answer held back. */
/** `hold`: the answer waits until the test lets go, then the call is carried out. */
export type MaxFault = { kind: 'error'; status: number; code: string; message: string } | { kind: 'delay'; ms: number } | { kind: 'hang' } | { kind: 'hold'; until: Promise<void> } | { kind: 'drop' };

export interface MaxFaultRule {
  /** e.g. 'POST /messages'; every sending call when unset. */
  route?: string;
  userId?: number;
  times?: number;
  /** Only this share of the matching calls, evenly spread (0.25: every fourth). */
  fraction?: number;
  fault: MaxFault;
}

export interface FakeMaxOptions {
  token?: string;
  /** Requests per second for the whole bot (MAX answers 429 above about 30). */
  perSecond?: number;
  botUsername?: string;
}

export type DigestFrequency = 'daily' | 'weekly' | 'biweekly' | 'off';
export type InstantKind = 'absences' | 'marks' | 'recommendations' | 'risk' | 'timetable';

export const DIGEST_FREQUENCIES: readonly DigestFrequency[] = ['daily', 'weekly', 'biweekly', 'off'];
/** Absences first: what parents ask for first. */
export const INSTANT_KINDS: readonly InstantKind[] = ['absences', 'marks', 'recommendations', 'risk', 'timetable'];
/** Digest times offered to parents ("HH:MM", school's zone). */
export const DIGEST_TIMES = ['08:00', '12:00', '15:00', '18:00', '20:00'] as const;
/**
 * Quiet-hour windows offered as buttons; null = none. Any other window can be typed
 * ("22:30-07:00"): parseQuietWindow reads it.
 */
export const QUIET_WINDOWS: ReadonlyArray<{ from: string; to: string } | null> = [
  null,
  { from: '21:00', to: '07:00' },
  { from: '21:00', to: '08:00' },
  { from: '22:00', to: '07:00' },
  { from: '22:00', to: '08:00' },
  { from: '23:00', to: '07:00' },
  { from: '23:00', to: '08:00' },
  { from: '20:00', to: '09:00' },
];

export interface ChannelSetting {
  id: string;
  type: 'telegram' | 'max' | 'email' | 'paper' | 'web' | 'webpush';
  address: string | null;
  enabled: boolean;
}

export interface ParentSettings {
  digestFrequency: DigestFrequency;
  /** ISO weekday, 1 = Monday. */
  digestWeekday: number;
  digestTime: string;
  instant: Record<InstantKind, boolean>;
  quietFrom: string | null;
  quietTo: string | null;
  locale: 'ru' | 'en' | null;
  channels: ChannelSetting[];
  /** The chat messenger that receives messages: the chosen one, else the first linked. */
  receivingChat: 'telegram' | 'max' | null;
}

export type SettingsChange =
  | { kind: 'digestFrequency'; value: DigestFrequency }
  | { kind: 'digestWeekday'; value: number }
  | { kind: 'digestTime'; value: string }
  | { kind: 'instant'; value: InstantKind }
  | { kind: 'quiet'; value: { from: string; to: string } | null }
  | { kind: 'locale'; value: 'ru' | 'en' }
  | { kind: 'channel'; value: string }
  | { kind: 'receivingChat'; value: 'telegram' | 'max' };

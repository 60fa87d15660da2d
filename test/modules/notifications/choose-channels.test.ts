// Where a message goes when a family has two messengers, an email and paper.
import { chooseChannels, nextChannel, type ChannelRow } from '../../../src/modules/notifications/choose-channels.js';

const row = (type: ChannelRow['type'], extra: Partial<ChannelRow> = {}): ChannelRow => ({
  id: `${type}-1`, guardianId: 'g', type, address: type === 'paper' ? null : `${type}-address`, verified: true, active: true, enabled: true, ...extra,
});

test('one chat only: the one the guardian chose, MAX when they chose none; email besides when they chose it', () => {
  expect(chooseChannels([row('telegram'), row('max'), row('email', { enabled: false })])).toEqual([{ type: 'max', channelId: 'max-1' }]);
  expect(chooseChannels([row('telegram', { preferred: true }), row('max'), row('email')])).toEqual([
    { type: 'telegram', channelId: 'telegram-1' },
    { type: 'email', channelId: 'email-1' },
  ]);
  // The chosen chat stopped working: the other chat takes over.
  expect(chooseChannels([row('telegram', { preferred: true, active: false }), row('max')])).toEqual([{ type: 'max', channelId: 'max-1' }]);
});

test('a muted chat keeps receiving, and a critical message goes by the verified email as well', () => {
  const channels = [row('max', { muted: true }), row('email', { enabled: false })];
  expect(chooseChannels(channels)).toEqual([{ type: 'max', channelId: 'max-1' }]);
  expect(chooseChannels(channels, { critical: true })).toEqual([
    { type: 'max', channelId: 'max-1' },
    { type: 'email', channelId: 'email-1' },
  ]);
});

test('a school that keeps digests off MAX sends them by email; with no email, paper is what is left', () => {
  expect(chooseChannels([row('max'), row('email')], { exclude: ['max'] })).toEqual([{ type: 'email', channelId: 'email-1' }]);
  expect(chooseChannels([row('max'), row('paper')], { exclude: ['max'] })).toEqual([{ type: 'paper', channelId: 'paper-1' }]);
});

test('a failed message falls back chat → other chat → email → paper, never to a channel tried already', () => {
  const channels = [row('telegram', { preferred: true }), row('max'), row('email', { enabled: false }), row('paper')];
  expect(nextChannel(channels, new Set(['telegram']))).toEqual({ type: 'max', channelId: 'max-1' });
  expect(nextChannel(channels, new Set(['telegram', 'max']))).toEqual({ type: 'email', channelId: 'email-1' });
  expect(nextChannel(channels, new Set(['telegram', 'max', 'email']))).toEqual({ type: 'paper', channelId: 'paper-1' });
});

test('web push comes after the chats and before email: alone it is the instant channel, chosen it goes first, failed it falls back to email', () => {
  expect(chooseChannels([row('webpush'), row('email', { enabled: false })])).toEqual([{ type: 'webpush', channelId: 'webpush-1' }]);
  expect(chooseChannels([row('telegram'), row('webpush')])).toEqual([{ type: 'telegram', channelId: 'telegram-1' }]);
  expect(chooseChannels([row('telegram'), row('webpush', { preferred: true }), row('email')])).toEqual([
    { type: 'webpush', channelId: 'webpush-1' },
    { type: 'email', channelId: 'email-1' },
  ]);
  const channels = [row('max'), row('webpush'), row('email', { enabled: false }), row('paper')];
  expect(nextChannel(channels, new Set(['max']))).toEqual({ type: 'webpush', channelId: 'webpush-1' });
  expect(nextChannel(channels, new Set(['max', 'webpush']))).toEqual({ type: 'email', channelId: 'email-1' });
});

// Settings › Messengers › "Connect <messenger>": the one-time link the bot answers with.
import { inlineButtons } from '../../support/fake-telegram.js';
import type { BotHarness } from './bot-harness.js';

export async function openConnectLink(h: BotHarness, chat: number, channel: 'telegram' | 'max'): Promise<URL> {
  const mark = h.mark(chat);
  h.telegram.pressButton(chat, `st:cl:${channel}`);
  const withLink = await h.next(chat, mark, (m) => inlineButtons(m).some((b) => b.url));
  return new URL(inlineButtons(withLink).find((b) => b.url)!.url!);
}

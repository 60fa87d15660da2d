// What a messenger received from the bot during one step, in one shape for Telegram and
// MAX: new messages, redrawn messages, replaced buttons and answers to presses, with the
// HTML normalised and the buttons as labels with payloads (or links).
import type { RecordedCall } from '../../support/fake-telegram.js';
import type { MaxCall } from '../../support/fake-max/types.js';

export type ShownButton = { label: string; payload: string } | { label: string; url: string };

export type Shown =
  | { kind: 'send' | 'redraw'; html: string; buttons: ShownButton[][] }
  | { kind: 'buttons'; buttons: ShownButton[][] }
  | { kind: 'answer'; notice: string };

/** The tags both messengers accept for the same thing, written one way; entities one way. */
export function normaliseHtml(html: string): string {
  return html
    .replace(/<(\/?)strong>/g, '<$1b>')
    .replace(/<(\/?)em>/g, '<$1i>')
    .replace(/<(\/?)(?:del|strike)>/g, '<$1s>')
    .replace(/&#39;|&apos;|&#x27;/g, "'")
    .replace(/&#34;|&#x22;/g, '&quot;')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

/** Every tag name in the text, to check it stays within the subset both messengers render. */
export function tagsOf(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z0-9]+)[^>]*>/g)].map((m) => m[1]!.toLowerCase());
}

/**
 * A long text reaches each messenger split at its own limit (Telegram 4096, MAX 4000), so
 * parts without buttons are joined to the message that follows: the text is compared whole.
 */
function joinParts(shown: Shown[]): Shown[] {
  const joined: Shown[] = [];
  for (const item of shown) {
    const previous = joined.at(-1);
    if (item.kind === 'send' && previous?.kind === 'send' && previous.buttons.length === 0) {
      joined[joined.length - 1] = { kind: 'send', html: `${previous.html}\n${item.html}`, buttons: item.buttons };
    } else joined.push(item);
  }
  return joined;
}

type TelegramButton = { text: string; callback_data?: string; url?: string };

function telegramButtons(markup: unknown): ShownButton[][] {
  const rows = (markup as { inline_keyboard?: TelegramButton[][] } | undefined)?.inline_keyboard ?? [];
  return rows.map((row) => row.map((b) => (b.url !== undefined ? { label: b.text, url: b.url } : { label: b.text, payload: b.callback_data ?? '' })));
}

export function telegramScreens(calls: readonly RecordedCall[]): Shown[] {
  const shown = calls.flatMap((call): Shown[] => {
    if (call.response?.ok !== true) return [];
    const p = call.payload;
    switch (call.method) {
      case 'sendMessage':
      case 'editMessageText':
        if (p.parse_mode !== 'HTML') throw new Error(`Telegram got ${call.method} without HTML: ${String(p.parse_mode)}`);
        return [{ kind: call.method === 'sendMessage' ? 'send' : 'redraw', html: normaliseHtml(String(p.text)), buttons: telegramButtons(p.reply_markup) }];
      case 'editMessageReplyMarkup':
        return [{ kind: 'buttons', buttons: telegramButtons(p.reply_markup) }];
      case 'answerCallbackQuery':
        return [{ kind: 'answer', notice: typeof p.text === 'string' ? p.text : '' }];
      default:
        return [];
    }
  });
  return joinParts(shown);
}

type MaxButton = { type: string; text: string; payload?: string; url?: string };

function maxButtons(attachments: unknown): ShownButton[][] {
  const keyboard = (Array.isArray(attachments) ? attachments : []).find((a: { type?: string }) => a?.type === 'inline_keyboard') as { payload: { buttons: MaxButton[][] } } | undefined;
  return (keyboard?.payload.buttons ?? []).map((row) => row.map((b) => (b.type === 'link' ? { label: b.text, url: b.url ?? '' } : { label: b.text, payload: b.payload ?? '' })));
}

export function maxScreens(calls: readonly MaxCall[]): Shown[] {
  const shown = calls.flatMap((call): Shown[] => {
    if (call.status !== 200) return [];
    const body = call.body ?? {};
    const route = `${call.method} ${call.path}`;
    if (route === 'POST /messages' || (route === 'PUT /messages' && body.format !== undefined)) {
      if (body.format !== 'html') throw new Error(`MAX got ${route} without HTML: ${String(body.format)}`);
      return [{ kind: route === 'POST /messages' ? 'send' : 'redraw', html: normaliseHtml(String(body.text)), buttons: maxButtons(body.attachments) }];
    }
    // Replacing only the buttons resends the message's text as it stands, with no format.
    if (route === 'PUT /messages') return [{ kind: 'buttons', buttons: maxButtons(body.attachments) }];
    if (route === 'POST /answers') return [{ kind: 'answer', notice: typeof body.notification === 'string' ? body.notification : '' }];
    return [];
  });
  return joinParts(shown);
}

/**
 * Keys that reached the parent untranslated (i18next shows a missing key as its path): a
 * dotted word whose first two parts are a section of some locale file.
 */
export function untranslatedKeys(text: string, namespaces: Record<string, unknown>): string[] {
  const sections = Object.values(namespaces).flatMap((namespace) =>
    Object.entries(namespace as Record<string, unknown>).flatMap(([top, inner]) => (inner && typeof inner === 'object' ? Object.keys(inner).map((second) => `${top}.${second}`) : [])),
  );
  const known = new Set(sections);
  return [...text.matchAll(/\b[a-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)+\b/g)].map((m) => m[0]).filter((word) => known.has(word.split('.').slice(0, 2).join('.')));
}
